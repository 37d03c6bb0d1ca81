/** Shared classes for inputs and selects, so forms look the same everywhere. */
const fieldBase =
  "block h-8 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 " +
  "focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/20 disabled:bg-zinc-50 disabled:text-zinc-500";

export const inputClass = `${fieldBase} w-full`;

export const selectClass = `${fieldBase} w-full pr-8`;

/** Selects in a filter bar: as wide as their longest option. */
export const filterSelectClass = `${fieldBase} w-auto min-w-32 pr-8`;

export const labelClass = "mb-1 block text-xs font-medium text-zinc-700";

import { SearchIcon } from "@/components/ui/icons";
import { inputClass } from "@/components/ui/field";

/** The free-text field of a GET filter form (list pages keep their filters in the URL). */
export function SearchBox({ id, label, placeholder, defaultValue }: { id: string; label: string; placeholder: string; defaultValue?: string }) {
  return (
    <div className="relative min-w-52 flex-1 sm:max-w-xs">
      <label htmlFor={id} className="sr-only">{label}</label>
      <SearchIcon className="pointer-events-none absolute left-2.5 top-2 size-4 text-zinc-400" />
      <input id={id} name="q" type="search" defaultValue={defaultValue ?? ""} placeholder={placeholder} className={`${inputClass} pl-8`} />
    </div>
  );
}

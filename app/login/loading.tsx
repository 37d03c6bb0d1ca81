export default function Loading() {
  return <div className="min-h-dvh bg-zinc-50" aria-busy="true" />;
}

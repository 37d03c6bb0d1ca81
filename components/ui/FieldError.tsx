/** A message under one input; the input points at it with aria-describedby={id}. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs font-medium text-red-700" data-testid={id}>
      {message}
    </p>
  );
}

/** One finding about a form: the field it concerns, a stable code, and a message that says what to change. */
export type Issue = { field: string; code: string; message: string };

export function issue(field: string, code: string, message: string): Issue {
  return { field, code, message };
}

/** A problem the user must see: announced to screen readers at once, shown as text, never markup. */
export function Alert({ message }: { readonly message: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}

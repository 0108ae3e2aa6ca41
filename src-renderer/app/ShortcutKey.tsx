/** A key name as printed on the keyboard: never translated, always left to right. */
export function ShortcutKey(props: { keys: string }) {
  return (
    <kbd className="shortcut-key" translate="no" dir="ltr">
      {props.keys}
    </kbd>
  );
}

import { Icon } from "@/components/ui/icon";

/** Both icons are rendered and CSS picks one, so the server HTML matches any saved theme. */
export function ThemeIcon() {
  return (
    <>
      <Icon name="sun" className="size-4 dark:hidden" />
      <Icon name="moon" className="hidden size-4 dark:inline-block" />
    </>
  );
}

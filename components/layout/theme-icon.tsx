import { MoonIcon, SunIcon } from "lucide-react";

/** Both icons are rendered and CSS picks one, so the server HTML matches any saved theme. */
export function ThemeIcon() {
  return (
    <>
      <SunIcon className="dark:hidden" aria-hidden="true" />
      <MoonIcon className="hidden dark:block" aria-hidden="true" />
    </>
  );
}

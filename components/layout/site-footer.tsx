import Link from "next/link";
import { LogoMark } from "./logo";

export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p className="flex items-center gap-2">
          <LogoMark className="size-5" />
          EchoTune is not affiliated with Spotify.
        </p>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link className="hover:text-foreground hover:underline" href="/#privacy">
                Privacy
              </Link>
            </li>
            <li>
              <Link className="hover:text-foreground hover:underline" href="/#how-it-works">
                How it works
              </Link>
            </li>
            <li>
              <Link className="hover:text-foreground hover:underline" href="/api/health" prefetch={false}>
                Status
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

import { ArrowRightIcon, BarChart3Icon, CompassIcon, FileArchiveIcon, LockIcon, MessageCircleIcon, SparklesIcon } from "lucide-react";
import Image from "next/image";
import Link from "next/link";
import { Suspense } from "react";
import { AccountDeletedNotice } from "@/components/auth/account-deleted-notice";
import { DemoSignInForm } from "@/components/auth/sign-in-buttons";
import { Button } from "@/components/ui/button";

const features = [
  {
    Icon: BarChart3Icon,
    title: "Ten years of listening, in seconds",
    body: "Drop the export Spotify sends you. Top artists, tracks and albums for any range, your listening clock, streaks, skips, discovery and what you played on this day in earlier years.",
  },
  {
    Icon: CompassIcon,
    title: "Recommendations you can trace",
    body: "Our own engine, since Spotify closed its recommendation API. Every pick says why: a forgotten favourite, a track often played after another, an artist you love but have not fully explored.",
  },
  {
    Icon: MessageCircleIcon,
    title: "An assistant that knows your plays",
    body: "Ask what you played most last winter, or for a playlist for a late-night drive. Answers come from your real history; every track it suggests is a real one you can save to Spotify.",
  },
];

/**
 * Screenshots of the demo (`npm run screenshots` makes them, 1280x800), light and dark: the one the
 * theme hides is display:none and, being lazy, never downloaded.
 */
const screens = [
  {
    name: "dashboard",
    caption: "The dashboard: totals, then top artists, tracks and albums, for any range.",
    alt: "EchoTune dashboard for the demo listener: minutes, plays, artists, tracks, skip rate and sessions for the last four weeks above the top artists, tracks and albums",
    sizes: "(min-width: 1152px) 1104px, 100vw",
  },
  {
    name: "discover",
    caption: "Discover: picks from our own engine, each saying why.",
    alt: "EchoTune Discover page: recommendation cards, each with a sentence explaining why it was picked",
    sizes: "(min-width: 1152px) 544px, (min-width: 768px) 50vw, 100vw",
  },
  {
    name: "assistant",
    caption: "The assistant answers from your own plays.",
    alt: "EchoTune assistant: asked what the listener played most in 2024, it answers with their minutes, plays, top artists and top tracks of that year",
    sizes: "(min-width: 1152px) 544px, (min-width: 768px) 50vw, 100vw",
  },
] as const;

const steps = [
  {
    title: "Ask Spotify for your data",
    body: "In Spotify's privacy settings, request your Extended streaming history. It arrives by email, usually within a few days.",
  },
  {
    title: "Drop the zip here",
    body: "Your browser reads the files, removes personal fields such as IP addresses, and sends only your plays, in small resumable parts.",
  },
  {
    title: "Explore, discover, ask",
    body: "Insights are ready the moment the import ends. Sign in with Spotify to keep them in sync and to save playlists back.",
  },
];

export default function LandingPage() {
  return (
    <>
      <section aria-labelledby="hero-title" className="mx-auto max-w-6xl px-4 pt-16 pb-20 sm:px-6 sm:pt-24">
        {/* Read from the URL in the browser: the page itself stays static. */}
        <Suspense fallback={null}>
          <AccountDeletedNotice />
        </Suspense>
        <p className="mb-4 inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm text-muted-foreground">
          <SparklesIcon className="size-4 text-brand-text" aria-hidden="true" />
          Your Spotify history, finally yours to explore
        </p>
        <h1 id="hero-title" className="max-w-3xl text-4xl font-bold tracking-tight text-balance sm:text-6xl">
          Your listening, understood.
        </h1>
        <p className="mt-6 max-w-2xl text-lg text-muted-foreground text-pretty">
          EchoTune turns every play you ever made on Spotify into insights, recommendations explained from your own history, and an AI
          assistant that answers from your real data and builds playlists with you.
        </p>
        <div className="mt-10 flex flex-col gap-3 sm:flex-row">
          <DemoSignInForm label="Try the demo, no account needed" variant="default" />
          <Button asChild size="lg" variant="outline">
            <Link href="/sign-in">
              Sign in
              <ArrowRightIcon aria-hidden="true" />
            </Link>
          </Button>
        </div>
      </section>

      <section id="features" aria-labelledby="features-title" className="border-t bg-muted/40">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
          <h2 id="features-title" className="text-3xl font-semibold tracking-tight">
            Better than a yearly recap
          </h2>
          <ul className="mt-10 grid gap-6 md:grid-cols-3">
            {features.map(({ Icon, title, body }) => (
              <li key={title} className="rounded-xl border bg-card p-6 shadow-sm">
                <Icon className="size-6 text-brand-text" aria-hidden="true" />
                <h3 className="mt-4 text-lg font-semibold">{title}</h3>
                <p className="mt-2 text-muted-foreground">{body}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="screenshots" aria-labelledby="screenshots-title" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6">
        <h2 id="screenshots-title" className="text-3xl font-semibold tracking-tight">
          A look inside the demo
        </h2>
        <ul className="mt-10 grid gap-6 md:grid-cols-2">
          {screens.map(({ name, caption, alt, sizes }, index) => (
            <li key={name} className={index === 0 ? "md:col-span-2" : undefined}>
              <figure>
                <div className="overflow-hidden rounded-xl border bg-card shadow-sm">
                  {(["light", "dark"] as const).map((theme) => (
                    <Image
                      key={theme}
                      src={`/screenshots/${name}-${theme}.png`}
                      alt={alt}
                      width={1280}
                      height={800}
                      sizes={sizes}
                      loading="lazy"
                      className={theme === "light" ? "h-auto w-full dark:hidden" : "hidden h-auto w-full dark:block"}
                    />
                  ))}
                </div>
                <figcaption className="mt-3 text-sm text-muted-foreground">{caption}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      </section>

      <section id="how-it-works" aria-labelledby="how-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="how-title" className="text-3xl font-semibold tracking-tight">
          How it works
        </h2>
        <ol className="mt-10 grid gap-6 md:grid-cols-3">
          {steps.map(({ title, body }, index) => (
            <li key={title} className="flex gap-4">
              <span
                aria-hidden="true"
                className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary font-semibold text-primary-foreground"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="text-lg font-semibold">{title}</h3>
                <p className="mt-1 text-muted-foreground">{body}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section id="privacy" aria-labelledby="privacy-title" className="border-t bg-muted/40">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-20 sm:px-6 md:grid-cols-2">
          <div>
            <h2 id="privacy-title" className="flex items-center gap-3 text-3xl font-semibold tracking-tight">
              <LockIcon className="size-7 text-brand-text" aria-hidden="true" />
              Private by design
            </h2>
            <p className="mt-4 text-muted-foreground">
              IP addresses, device details and usernames in your export never leave your browser. We store your plays and nothing else, and
              you can delete them at any time.
            </p>
          </div>
          <ul className="space-y-4">
            <li className="flex gap-3">
              <FileArchiveIcon className="mt-0.5 size-5 shrink-0 text-brand-text" aria-hidden="true" />
              <span>Both export formats: Extended streaming history and the shorter Account data.</span>
            </li>
            <li className="flex gap-3">
              <BarChart3Icon className="mt-0.5 size-5 shrink-0 text-brand-text" aria-hidden="true" />
              <span>Every row accounted for: accepted, duplicate, short play or rejected with a reason.</span>
            </li>
            <li className="flex gap-3">
              <SparklesIcon className="mt-0.5 size-5 shrink-0 text-brand-text" aria-hidden="true" />
              <span>No account needed to try it: the demo has a listener with years of history.</span>
            </li>
          </ul>
        </div>
      </section>
    </>
  );
}

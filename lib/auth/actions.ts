"use server";

import { redirect } from "next/navigation";
import { demoEnabled, env } from "@/lib/env";
import { signIn, signOut } from "./config";

/** Only same-site paths: a callbackUrl must never send the listener elsewhere. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/dashboard";
}

export async function signInWithDemo(formData: FormData) {
  if (!demoEnabled()) redirect("/sign-in?error=DemoDisabled");
  await signIn("demo", { redirectTo: safeCallback(formData.get("callbackUrl")) });
}

export async function signInWithSpotify(formData: FormData) {
  if (!env.AUTH_SPOTIFY_ID) redirect("/sign-in?error=SpotifyNotConfigured");
  await signIn("spotify", { redirectTo: safeCallback(formData.get("callbackUrl")) });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

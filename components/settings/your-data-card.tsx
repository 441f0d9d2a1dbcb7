import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DeleteAccount } from "./delete-account";
import { DownloadData } from "./download-data";

/** Settings' "Your data" card: a copy of everything EchoTune keeps, and the way to delete it all. */
export function YourDataCard({ spotify }: { spotify: boolean }) {
  return (
    <Card data-testid="your-data">
      <CardHeader>
        <CardTitle>Your data</CardTitle>
        <CardDescription>
          Everything EchoTune keeps about you, as JSON files in a zip (a README inside says what each holds). Your IP address and browser
          are never stored.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 text-sm">
        <DownloadData />
        <div className="grid gap-2">
          <p className="text-muted-foreground">
            Deleting your account removes all of it from EchoTune at once: nothing is kept afterwards, and you are signed out.
          </p>
          <DeleteAccount spotify={spotify} />
        </div>
      </CardContent>
    </Card>
  );
}

import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";

/** Any /api path without a route of its own: a problem+json 404 rather than the HTML not-found page. */
const notFound = route({ auth: "public" }, ({ request }) => {
  const { pathname } = new URL(request.url);
  throw new AppError("not_found", {
    detail: `There is no API endpoint at ${request.method} ${pathname}. Check the path; GET /api/health lists the service status.`,
  });
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };

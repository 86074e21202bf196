import { type ComponentType, lazy, type ReactNode } from "react";
import { createBrowserRouter, Navigate, useLocation } from "react-router";
import { type Area, canUse } from "./auth/roles";
import { useSession } from "./auth/session";
import { PageLoader } from "./components/PageLoader";
import { AppLayout } from "./layout/AppLayout";
import { NotFound } from "./pages/NotFound";

/** Pages behind sign-in; sends others to /sign-in and back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageLoader />;
  if (!session)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** An area a role may not use is absent: its routes answer "not found", like its missing nav entry. */
function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const { session } = useSession();
  if (!session || !canUse(session.user.role, area)) return <NotFound />;
  return <>{children}</>;
}

/** An area's route file, loaded when first visited (the layout's Suspense shows a loader meanwhile). */
function area(path: Area, load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return {
    path: `${path}/*`,
    element: (
      <RequireArea area={path}>
        <Page />
      </RequireArea>
    ),
  };
}

// One lazily loaded route file per area (pages/<area>/routes.tsx).
export const router = createBrowserRouter([
  { path: "/sign-in", lazy: () => import("./pages/auth/SignIn").then((m) => ({ Component: m.default })) },
  {
    path: "/accept-invitation",
    lazy: () => import("./pages/auth/AcceptInvitation").then((m) => ({ Component: m.default })),
  },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, lazy: () => import("./pages/Home").then((m) => ({ Component: m.default })) },
      { path: "account", lazy: () => import("./pages/auth/Account").then((m) => ({ Component: m.default })) },
      area("analytics", () => import("./pages/analytics/routes")),
      area("activation", () => import("./pages/activation/routes")),
      area("numbers", () => import("./pages/numbers/routes")),
      area("templates", () => import("./pages/templates/routes")),
      area("review", () => import("./pages/review/routes")),
      area("contacts", () => import("./pages/contacts/routes")),
      area("audiences", () => import("./pages/audiences/routes")),
      area("campaigns", () => import("./pages/campaigns/routes")),
      area("conversations", () => import("./pages/conversations/routes")),
      area("bots", () => import("./pages/bots/routes")),
      area("developers", () => import("./pages/developers/routes")),
      area("audit", () => import("./pages/audit/routes")),
      area("users", () => import("./pages/users/routes")),
      area("platform", () => import("./pages/platform/routes")),
      area("billing", () => import("./pages/billing/routes")),
      {
        ...area("platformBilling", () => import("./pages/platform-billing/routes")),
        path: "platform-billing/*",
      },
      { path: "*", Component: NotFound },
    ],
  },
]);

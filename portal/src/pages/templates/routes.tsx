import { Route, Routes } from "react-router";
import { canUse } from "../../auth/roles";
import { useSignedIn } from "../../auth/session";
import { NotFound } from "../NotFound";
import TemplateDetail, { NewTemplate } from "./TemplateDetail";
import TemplatesList from "./TemplatesList";

export default function TemplatesRoutes() {
  const session = useSignedIn();
  return (
    <Routes>
      <Route index element={<TemplatesList />} />
      <Route
        path="new"
        element={canUse(session.user.role, "templateEditor") ? <NewTemplate /> : <NotFound />}
      />
      <Route path=":id" element={<TemplateDetail />} />
    </Routes>
  );
}

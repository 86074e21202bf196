import { Route, Routes } from "react-router";
import CampaignDetail from "./CampaignDetail";
import CampaignsList from "./CampaignsList";
import CampaignWizard from "./CampaignWizard";

export default function CampaignsRoutes() {
  return (
    <Routes>
      <Route index element={<CampaignsList />} />
      <Route path="new" element={<CampaignWizard />} />
      <Route path=":id" element={<CampaignDetail />} />
    </Routes>
  );
}

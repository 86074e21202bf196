import { Route, Routes } from "react-router";
import Dashboard from "./Dashboard";
import Reports from "./Reports";

export default function AnalyticsRoutes() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path="reports" element={<Reports />} />
    </Routes>
  );
}

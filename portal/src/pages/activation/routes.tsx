import { Route, Routes } from "react-router";
import ActivationPage from "./ActivationPage";

export default function ActivationRoutes() {
  return (
    <Routes>
      <Route index element={<ActivationPage />} />
    </Routes>
  );
}

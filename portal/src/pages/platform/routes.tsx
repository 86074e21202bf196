import { Route, Routes } from "react-router";
import ActivationBoard from "./ActivationBoard";

export default function PlatformRoutes() {
  return (
    <Routes>
      <Route index element={<ActivationBoard />} />
    </Routes>
  );
}

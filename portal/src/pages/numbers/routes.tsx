import { Route, Routes } from "react-router";
import NumbersPage from "./NumbersPage";

export default function NumbersRoutes() {
  return (
    <Routes>
      <Route index element={<NumbersPage />} />
    </Routes>
  );
}

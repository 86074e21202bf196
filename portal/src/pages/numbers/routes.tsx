import { Route, Routes } from "react-router";
import NumberDetail from "./NumberDetail";
import NumbersPage from "./NumbersPage";
import SignupPage from "./Signup";
import SignupCallback from "./SignupCallback";

export default function NumbersRoutes() {
  return (
    <Routes>
      <Route index element={<NumbersPage />} />
      <Route path="signup" element={<SignupPage />} />
      <Route path="signup/callback" element={<SignupCallback />} />
      <Route path=":id" element={<NumberDetail />} />
    </Routes>
  );
}

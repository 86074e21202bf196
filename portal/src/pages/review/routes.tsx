import { Route, Routes } from "react-router";
import ReviewDetail from "./ReviewDetail";
import ReviewQueue from "./ReviewQueue";

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route index element={<ReviewQueue />} />
      <Route path=":id" element={<ReviewDetail />} />
    </Routes>
  );
}

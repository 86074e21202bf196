import { Route, Routes } from "react-router";
import FlowEditor from "./FlowEditor";
import FlowsList from "./FlowsList";

export default function BotsRoutes() {
  return (
    <Routes>
      <Route index element={<FlowsList />} />
      <Route path=":id" element={<FlowEditor />} />
    </Routes>
  );
}

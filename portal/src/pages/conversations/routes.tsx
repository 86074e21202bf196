import { Route, Routes } from "react-router";
import Inbox from "./Inbox";

export default function ConversationsRoutes() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path=":id" element={<Inbox />} />
    </Routes>
  );
}

import { Route, Routes } from "react-router";
import ConversationDetail from "./ConversationDetail";
import ConversationsList from "./ConversationsList";

export default function ConversationsRoutes() {
  return (
    <Routes>
      <Route index element={<ConversationsList />} />
      <Route path=":id" element={<ConversationDetail />} />
    </Routes>
  );
}

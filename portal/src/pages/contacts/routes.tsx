import { Route, Routes } from "react-router";
import ContactDetail from "./ContactDetail";
import ContactsList from "./ContactsList";

export default function ContactsRoutes() {
  return (
    <Routes>
      <Route index element={<ContactsList />} />
      <Route path=":id" element={<ContactDetail />} />
    </Routes>
  );
}

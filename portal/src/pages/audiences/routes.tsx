import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes, useLocation } from "react-router";
import { PageHeader } from "../../components/page";
import ImportDetail from "./ImportDetail";
import Imports from "./Imports";
import SegmentEditor from "./SegmentEditor";
import Segments from "./Segments";

export default function AudiencesRoutes() {
  const { t } = useTranslation();
  const tab = useLocation().pathname.startsWith("/audiences/segments") ? "segments" : "imports";
  return (
    <>
      <PageHeader title={t("audiences.title")} />
      <Group gap="xs" mb="md" component="nav" aria-label={t("audiences.title")}>
        {(["imports", "segments"] as const).map((section) => (
          <Button
            key={section}
            component={Link}
            to={`/audiences/${section}`}
            variant={tab === section ? "filled" : "light"}
            aria-current={tab === section ? "page" : undefined}
          >
            {t(section === "imports" ? "audiences.tabImports" : "audiences.tabSegments")}
          </Button>
        ))}
      </Group>
      <Routes>
        <Route index element={<Navigate to="imports" replace />} />
        <Route path="imports" element={<Imports />} />
        <Route path="imports/:id" element={<ImportDetail />} />
        <Route path="segments" element={<Segments />} />
        <Route path="segments/new" element={<SegmentEditor />} />
        <Route path="segments/:id" element={<SegmentEditor />} />
      </Routes>
    </>
  );
}

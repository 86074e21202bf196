import { createTheme } from "@mantine/core";

// Teal like WhatsApp's brand, with shades dark enough for AA contrast on white.
export const theme = createTheme({
  primaryColor: "teal",
  primaryShade: 9,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  focusRing: "always",
  defaultRadius: "md",
});

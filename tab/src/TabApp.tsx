/**
 * The page's frame: Fluent's theme for Teams' light, dark or high-contrast theme (following Teams when it
 * changes), and the page the address asks for.
 */
import {
  FluentProvider,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ConfigPage } from "./ConfigPage";
import { RegisterPage } from "./RegisterPage";
import type { TabHost, ThemeName } from "./teams-host";

const THEMES: Record<ThemeName, Theme> = {
  default: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

export function TabApp({ host, path, search }: { host: TabHost; path: string; search: string }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: "100vh" }}>
      {path.replace(/\/+$/, "").endsWith("/config") ? (
        <ConfigPage host={host} />
      ) : (
        <RegisterPage host={host} search={search} />
      )}
    </FluentProvider>
  );
}

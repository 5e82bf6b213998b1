/**
 * The tab's entry point: connects to Teams (or runs on its own outside it), then shows the register at
 * /tab/register or the channel tab's configuration page at /tab/config, in Teams' theme.
 */
import { createRoot } from "react-dom/client";
import { TabApp } from "./TabApp";
import { connectToHost } from "./teams-host";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void connectToHost(window.location.search).then((host) => {
    root.render(<TabApp host={host} path={window.location.pathname} search={window.location.search} />);
  });
}

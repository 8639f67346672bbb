import init, { version } from "/pkg/index.js";

await init();
document.getElementById("version").textContent = version();

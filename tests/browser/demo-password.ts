/** The password of the browser demos' accounts (admin included): they run with AUTH_MODE=required. */
export const BROWSER_DEMO_PASSWORD = 'browser-demo-2026';

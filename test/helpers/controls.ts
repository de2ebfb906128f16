import { ADMIN_ID, ADMIN_SECRET, type TestApp } from './app.js';

/** The bootstrap Super Admin as HTTP Basic: works for the controls whatever the clock and faults. */
export const BASIC = `Basic ${Buffer.from(`${ADMIN_ID}:${ADMIN_SECRET}`).toString('base64')}`;

/** Controls on, on both databases (PostgreSQL needs the explicit allowance). */
export const CONTROLS_ENV = { PLINTH_CONTROLS: '1', PLINTH_CONTROLS_ALLOW_POSTGRES: '1' };

/** A call to `/plinth/controls<url>` as the bootstrap Super Admin. */
export const control = (t: TestApp, method: string, url: string, body?: unknown) => t.inject({ method, url: `/plinth/controls${url}`, body, headers: { authorization: BASIC } });

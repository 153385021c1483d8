// Shared steps of the journeys (not a spec itself).
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo password playwright.config.ts starts the server with. */
export const PASSWORD = 'E2e-Pass-2026!';

export async function logIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login$/);
}

/**
 * Logs out through the user menu. The click on 退出登录 can miss while antd's dropdown is still sliding in, or when
 * the page re-renders under it after an action: then the menu is closed and opened again until the login page shows.
 */
export async function logOut(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(async () => {
    if (!/\/login$/.test(page.url())) {
      await page.keyboard.press('Escape');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click({ timeout: 5_000 });
    }
    await expect(page).toHaveURL(/\/login$/, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** The office id of the current /offices/:officeId/… page. */
export function currentOfficeId(page: Page): string {
  const id = /\/offices\/([^/]+)\//.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`not on an office page: ${page.url()}`);
  return id;
}

/** Picks an option of an antd Select by its label. */
export async function pickOption(page: Page, select: Locator, label: string) {
  await select.click();
  await page.keyboard.type(label);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) });
  // Under load a click on an option that the list is still animating in can miss: the list stays open and nothing
  // is chosen. Click again (the list and its filter are still there) until the choice shows in the select.
  for (let attempt = 1; ; attempt++) {
    await option.click();
    try {
      await expect(select).toContainText(label, { timeout: 3_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  // A single select's list has closed before the next step (two filters in a row once typed into the first select).
  if (!(await select.getAttribute('class'))?.includes('ant-select-multiple')) {
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  }
}

/** Today's and yesterday's dates in China (the server's calendar). */
export function chinaDate(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * Confirms the open antd Popconfirm by its button: a test id, or the button's name. A click during the popover's
 * opening animation was once lost in CI (no request sent, the popover stayed open): it clicks again only while the
 * popover is still open.
 */
export async function confirmPopover(page: Page, button: string | RegExp) {
  const popover = page.locator('.ant-popover:visible');
  const target = typeof button === 'string' ? popover.getByTestId(button) : popover.getByRole('button', { name: button });
  await target.click();
  await expect(async () => {
    if (await target.isVisible()) await target.click({ timeout: 1000 });
    await expect(popover).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

/**
 * Checks a radio of an antd Radio.Group. A check during a Modal's opening animation was once lost in CI (the click
 * landed, the radio stayed unchecked: "Clicking the checkbox did not change its state"): it clicks again only while
 * the radio is still unchecked.
 */
export async function checkRadio(radio: Locator) {
  await expect(async () => {
    if (!(await radio.isChecked())) await radio.click({ timeout: 1000 });
    await expect(radio).toBeChecked({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

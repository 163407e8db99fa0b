// The toolbar badge: the number of claims on the tab's page, blank when there are none.

/** The part of browser.action the badge uses. */
export interface BadgeApi {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** Dark blue behind white text: 9.9:1. */
export const BADGE_COLOR = '#1f3f9e';

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export async function showClaimCount(
  action: BadgeApi,
  tabId: number,
  count: number,
): Promise<void> {
  await action.setBadgeText({ tabId, text: badgeText(count) });
}

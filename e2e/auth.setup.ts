import { expect, test as setup } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { alice, bob, storageStateOf } from "./support/users";

// Each test user signs in once through the real login form; specs reuse the
// saved browser state.
for (const user of [alice, bob]) {
  setup(`sign in as ${user.username}`, async ({ page }) => {
    await signIn(page, user);
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByText(user.name)).toBeVisible();
    await page.context().storageState({ path: storageStateOf(user) });
  });
}

package testkit

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// Phone-sized viewport of the browser tests: an ordinary phone held
// upright, in CSS pixels.
const (
	PhoneWidth  = 390
	PhoneHeight = 844
)

// ChromiumPath is the Chromium the browser tests drive: Debian's
// (.ci/run installs it), or $TANGPING_CHROMIUM.
func ChromiumPath() string {
	if p := os.Getenv("TANGPING_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Browser starts headless Chromium for the test and closes it after; a
// test on a computer without Chromium is skipped with the reason.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := ChromiumPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium fonts-noto-cjk, as .ci/run does; or set TANGPING_CHROMIUM): %v", path, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-component-update", true),
		// a phone in China: Chinese pages first
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.WindowSize(PhoneWidth, PhoneHeight))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// Phone opens a tab of the browser at phone size (390×844 CSS pixels,
// two device pixels each, touch). own gives it its own cookies, as
// another person's phone; otherwise it is another tab of the same
// browser.
func Phone(t testing.TB, browser context.Context, own bool) context.Context {
	t.Helper()
	var opts []chromedp.ContextOption
	if own {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	ctx, cancel := chromedp.NewContext(browser, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(PhoneWidth, PhoneHeight,
		chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatalf("opening a phone tab: %v", err)
	}
	return ctx
}

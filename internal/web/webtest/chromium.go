package webtest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is the path (and query) a Chromium tab shows.
func Path(ctx context.Context) (string, error) {
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "", err
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "", err
	}
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery, nil
	}
	return u.Path, nil
}

// WaitPath waits until a Chromium tab shows path with its page drawn.
func WaitPath(ctx context.Context, path string) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		at, err := Path(ctx)
		if err != nil {
			return err
		}
		if at == path {
			ready, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !!document.querySelector("main h1, main legend, main .progress")`))
			if ready {
				return nil
			}
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			return fmt.Errorf("the tab is at %s, want %s:\n%s", at, path, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// CompleteInChromium takes the questionnaire in a Chromium tab as a
// person would: opens the QR code's address join, taps 开始, 匿名作答,
// one answer per question as values says (raw 0–4, -1 skips), and
// submits. It returns the resume code the result page shows.
func CompleteInChromium(ctx context.Context, join string, values []int) (string, error) {
	u, err := url.Parse(join)
	if err != nil {
		return "", err
	}
	step := func(what string, a ...chromedp.Action[chromedp.Void]) error {
		c, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Do(c, a...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
	if err := step("open "+join, chromedp.Navigate(join)); err != nil {
		return "", err
	}
	if err := WaitPath(ctx, u.Path); err != nil {
		return "", err
	}
	if err := step("begin", chromedp.Click(chromedp.CSS("form[action='/join'] button[type=submit]"))); err != nil {
		return "", err
	}
	if err := WaitPath(ctx, "/about"); err != nil {
		return "", err
	}
	if err := step("anonymous", chromedp.Click(chromedp.CSS("button[value=anon]"))); err != nil {
		return "", err
	}
	for i, v := range values {
		if err := WaitPath(ctx, fmt.Sprintf("/q/%d", i+1)); err != nil {
			return "", err
		}
		sel := fmt.Sprintf("button.answer[value='%d']", v+1)
		if v < 0 {
			sel = "button[name=skip]"
		}
		if err := step("answer", chromedp.Click(chromedp.CSS(sel))); err != nil {
			return "", err
		}
	}
	if err := WaitPath(ctx, "/review"); err != nil {
		return "", err
	}
	if err := step("submit", chromedp.Click(chromedp.CSS("form[action='/submit'] button"))); err != nil {
		return "", err
	}
	if err := WaitPath(ctx, "/result"); err != nil {
		return "", err
	}
	code, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".codebox").textContent`))
	return strings.TrimSpace(code), err
}

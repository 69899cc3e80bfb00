package linemode

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tangping-dev/tangping/internal/report"
	"github.com/tangping-dev/tangping/internal/result"
)

func (r *run) scaleText() string {
	var parts []string
	for i, a := range r.o.Bank.Scale {
		parts = append(parts, fmt.Sprintf("%d=%s", i+1, a.Label.In(r.l)))
	}
	return strings.Join(parts, r.l.T("，", ", "))
}

func (r *run) intro() {
	l := r.l
	b := r.o.Bank
	n := len(r.items)
	r.printf("%s\n%s\n\n", b.Title.In(l), b.Purpose.In(l))
	r.printf(l.T("共 %d 题。%s\n", "%d questions. %s\n"), n, b.RecallWindow.In(l))
	r.printf(l.T("每题输入一个数字后回车：%s。\n", "Answer each question with one number and Enter: %s.\n"), r.scaleText())
	r.say(l.T("也可以输入：s 跳过这一题，b 回到上一题，? 帮助，q 保存进度并退出。\n", "You can also type: s to skip a question, b to go back, ? for help, q to save and quit.\n"))
	if !r.o.Anonymous {
		r.say(l.T("如需在结果中写上姓名、单位和职务，可在任意一题输入 i；不输入即为匿名作答。\n", "To put your name, unit and role in the result, type i at any question; otherwise you answer anonymously.\n"))
	}
	r.say(l.T("作答只保存在这台电脑上，不会发送到任何地方。\n", "Your answers stay on this computer; nothing is sent anywhere.\n"))
	r.printf("\n")
}

func (r *run) help() {
	r.printf(r.l.T("帮助：输入 1 到 %d 之间的数字作答（%s）；s 跳过；b 上一题；q 保存并退出", "Help: type a number from 1 to %d to answer (%s); s skips; b goes back; q saves and quits"),
		len(r.o.Bank.Scale), r.scaleText())
	if !r.o.Anonymous {
		r.say(r.l.T("；i 填写姓名、单位和职务", "; i fills in your name, unit and role"))
	}
	r.say(r.l.T("。\n", ".\n"))
}

// questions asks from where the session stands to the end, then offers
// the unanswered ones until the person submits. With every question
// answered it returns at once, so piped answers need nothing more.
func (r *run) questions() error {
	for {
		p := r.q.Place()
		if !p.Review {
			if err := r.ask(p.Index); err != nil {
				return err
			}
			continue
		}
		if r.q.AllAnswered() {
			return nil
		}
		next, err := r.finalPrompt()
		if err != nil || next < 0 {
			return err
		}
		_ = r.q.Open(next)
	}
}

// ask shows question i and reads until it gets an answer, a skip or a
// step back, which it applies to the session.
func (r *run) ask(i int) error {
	l := r.l
	it := r.items[i]
	n := len(r.items)
	r.printf(l.T("第 %d/%d 题\n%s\n", "Question %d/%d\n%s\n"), i+1, n, it.Text.In(l))
	for k, a := range r.o.Bank.Scale {
		r.printf("  %d %s\n", k+1, a.Label.In(l))
	}
	if v, ok := r.q.Answer(i); ok {
		r.printf(l.T("（原来的答案：%s）\n", "(answer so far: %s)\n"), r.o.Bank.AnchorLabel(v, l))
	}
	sc := len(r.o.Bank.Scale)
	for {
		r.printf(l.T("请输入 1–%d（s 跳过，b 上一题，? 帮助）：", "Type 1–%d (s skip, b back, ? help): "), sc)
		line, err := r.read()
		if errors.Is(err, errEOF) {
			return r.endOfInput(i + 1)
		}
		if err != nil {
			return err
		}
		in := normalize(line)
		if k, err := strconv.Atoi(in); err == nil && k >= 1 && k <= sc {
			r.saved(r.q.Choose(k - 1))
			r.printf("\n")
			return nil
		}
		switch in {
		case "s", "0":
			r.saved(r.q.Skip())
			r.printf(l.T("已跳过第 %d 题。\n\n", "Question %d skipped.\n\n"), i+1)
			return nil
		case "b":
			if !r.q.Back() {
				r.say(l.T("这已经是第一题。\n", "This is the first question.\n"))
				continue
			}
			r.printf("\n")
			return nil
		case "?", "h":
			r.help()
		case "q":
			r.saved(r.q.Save())
			return ErrQuit
		case "i":
			if r.o.Anonymous {
				r.say(l.T("本次为匿名作答（--anonymous），不填写个人信息。\n", "This run is anonymous (--anonymous); no personal details are asked.\n"))
				continue
			}
			if err := r.about(i + 1); err != nil {
				return err
			}
			r.printf(l.T("第 %d/%d 题：%s\n", "Question %d/%d: %s\n"), i+1, n, it.Text.In(l))
		case "":
			r.printf(l.T("没有读到答案。请输入 1 到 %d 之间的数字（%s），或 s 跳过。\n", "No answer was read. Type a number from 1 to %d (%s), or s to skip.\n"), sc, r.scaleText())
		default:
			r.printf(l.T("无法识别“%s”。请输入 1 到 %d 之间的数字（%s），或 s 跳过、b 回到上一题。\n", "“%s” is not an answer. Type a number from 1 to %d (%s), or s to skip, b to go back.\n"),
				strings.TrimSpace(line), sc, r.scaleText())
		}
	}
}

// about asks for name, unit and role; an empty line leaves one blank.
func (r *run) about(next int) error {
	l := r.l
	var who result.Respondent
	fields := []*string{&who.Name, &who.Unit, &who.Role}
	prompts := []string{l.T("姓名（可直接回车不填）：", "Name (Enter to leave blank): "), l.T("单位（可直接回车不填）：", "Unit (Enter to leave blank): "), l.T("职务（可直接回车不填）：", "Role (Enter to leave blank): ")}
	for k, p := range prompts {
		r.printf("%s", p)
		line, err := r.read()
		if errors.Is(err, errEOF) {
			return r.endOfInput(next)
		}
		if err != nil {
			return err
		}
		*fields[k] = strings.TrimSpace(line)
	}
	r.saved(r.q.SetRespondent(who))
	r.say(l.T("已记下。\n", "Noted.\n"))
	return nil
}

// finalPrompt runs when every question has been shown and some are
// unanswered: it lists them and returns the question to go back to, or
// -1 to submit.
func (r *run) finalPrompt() (int, error) {
	l := r.l
	var missing []string
	for _, i := range r.q.Unanswered() {
		missing = append(missing, strconv.Itoa(i+1))
	}
	n := len(r.items)
	for {
		r.printf(l.T("还有 %d 题未答（第 %s 题）。未答的题不计分。\n输入题号回去作答，输入 y 提交：", "%d questions are unanswered (%s). They will not be scored.\nType a question number to answer it, or y to submit: "),
			len(missing), strings.Join(missing, l.T("、", ", ")))
		line, err := r.read()
		if errors.Is(err, errEOF) {
			return 0, r.endOfInput(0)
		}
		if err != nil {
			return 0, err
		}
		in := normalize(line)
		if in == "y" {
			return -1, nil
		}
		if in == "q" {
			return 0, ErrQuit
		}
		if k, err := strconv.Atoi(in); err == nil && k >= 1 && k <= n {
			r.printf("\n")
			return k - 1, nil
		}
		r.printf(l.T("无法识别“%s”。\n", "“%s” is not a question number or y.\n"), strings.TrimSpace(line))
	}
}

// summary reads the result out in sentences, with the same rounded
// numbers as the report.
func (r *run) summary(res *result.Result, savedTo string) {
	l := r.l
	d := report.Build(res, r.o.Bank, l)
	line := func(x report.Row, flagged bool) {
		if x.Score == nil {
			r.printf(l.T("  %s：作答不足，未计分\n", "  %s: too few answers, not scored\n"), x.Name)
			return
		}
		mark := ""
		if flagged {
			mark = l.T("（达到提示线）", " (at or above the flag line)")
		}
		r.printf(l.T("  %s：%d 分，%s%s\n", "  %s: %d, %s%s\n"), x.Name, x.Shown, x.Label, mark)
	}
	r.say(l.T("\n已提交。", "\nSubmitted. "))
	if savedTo != "" {
		r.printf(l.T("结果已保存到：%s\n", "The result is saved to: %s\n"), savedTo)
	} else {
		r.printf("\n")
	}
	r.printf("%s\n\n", d.Notice)
	r.say(l.T("六个维度（得分越高越好）\n", "Six dimensions (higher is better)\n"))
	for _, x := range d.Dimensions {
		line(x, false)
	}
	r.say(l.T("\n躺平表现（由高到低，得分越高越明显）\n", "\nLying-flat behaviours (most pronounced first; higher is more marked)\n"))
	for _, x := range d.Behaviours {
		line(x, x.Flagged)
	}
	if len(d.Notes) > 0 {
		r.say(l.T("\n作答提示\n", "\nAbout these answers\n"))
		for _, s := range d.Notes {
			r.printf("  %s\n", s)
		}
	}
	if len(d.Recs) > 0 {
		r.say(l.T("\n建议\n", "\nSuggested measures\n"))
		for k, rc := range d.Recs {
			if k == report.MaxTextRecs {
				// The command to open the full report follows on the next
				// line (take prints it after every run).
				r.printf(l.T("  另有 %d 条建议，见完整报告。\n", "  %d more in the full report.\n"), len(d.Recs)-k)
				break
			}
			r.printf("  %d. %s%s\n", k+1, l.T("【"+rc.ForName+"】", "["+rc.ForName+"] "), rc.Text)
		}
	}
}

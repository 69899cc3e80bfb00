package quiz

import (
	"fmt"
	"strings"

	"github.com/tangping-dev/tangping/internal/i18n"
)

// The questionnaire's own words, which every face shows (the terminal
// interface, the web page): kept here once so that the faces say the
// same thing. Key-specific instructions stay with each face.

// Keeper is who keeps the answers, which decides the privacy promise.
type Keeper struct {
	Server bool // the trainer's session server, not this computer
	Names  bool // the server keeps names (serve --collect-names)
}

// Privacy is the welcome screen's promise: where the answers are kept
// and who sees what (docs/privacy.md).
func (k Keeper) Privacy(l i18n.Lang) string {
	switch {
	case k.Server && k.Names:
		return l.T("本场会话记名：作答和你填写的姓名保存在培训组织者的服务器上，组织者能看到每个人的结果。投影的实时画像和团体报告只显示加了保护的全组数字，推算不出任何个人。",
			"This session keeps names: your answers and the name you give are kept on the trainer's server, and the trainer can see each person's result. The projected live profile and the group reports show only protected group figures, from which no one can be worked out.")
	case k.Server:
		return l.T("作答保存在培训组织者的服务器上，不记姓名，供断线续答和你自己下载结果。投影的实时画像和团体报告只显示加了保护的全组数字，推算不出任何个人。",
			"Your answers are kept on the trainer's server without your name, so you can resume and download your own result. The projected live profile and the group reports show only protected group figures, from which no one can be worked out.")
	}
	return l.T("作答只保存在这台电脑上，不会发送到任何地方。", "Your answers stay on this computer; nothing is sent anywhere.")
}

// AboutNote says, on the about-you step, where the details go.
func (k Keeper) AboutNote(l i18n.Lang) string {
	switch {
	case k.Server && k.Names:
		return l.T("本场会话记名：姓名、单位和职务会随结果保存在培训组织者的服务器上，组织者能看到每个人的结果；团体报告不显示姓名，单位和职务只用于分组统计。全部留空或选“匿名作答”即可匿名。",
			"This session keeps names: name, unit and role are stored with your result on the trainer's server, and the trainer can see each person's result; group reports never show names, and unit and role only group the statistics. Leave it empty or choose “Anonymous” to stay anonymous.")
	case k.Server:
		return l.T("本场会话不记姓名。单位和职务可不填，填了会随结果保存在培训组织者的服务器上，只用于分组统计（人数少的分组不单独显示）。选“匿名作答”则都不保存。",
			"This session keeps no names. Unit and role are optional; if given, they are stored with your result on the trainer's server and only group the statistics (small groups are never shown on their own). “Anonymous” stores neither.")
	}
	return l.T("这些信息只写进您自己的结果文件，便于日后对照，例如单位：市城管局，职务：科长。全部留空或选“匿名作答”即可匿名。",
		"This goes only into your own result file, for comparing later; e.g. unit: City Management Bureau, role: section chief. Leave it empty or choose “Anonymous” to stay anonymous.")
}

// AsksName reports whether the about-you step asks for a name: not in an
// anonymous session on a server.
func (k Keeper) AsksName() bool { return !k.Server || k.Names }

// SubmitWhere says what submitting does with the result.
func (k Keeper) SubmitWhere(l i18n.Lang) string {
	if k.Server {
		return l.T("提交后将计算结果，结果保存在培训会话服务器上。", "Submitting computes your result and keeps it on the session server.")
	}
	return l.T("提交后将计算结果，并把结果文件保存在这台电脑上。", "Submitting computes your result and saves the result file on this computer.")
}

// Words are the labels every face shows, in one language.
type Words struct{ l i18n.Lang }

// Say returns the words in l.
func Say(l i18n.Lang) Words { return Words{l} }

// Length is how long the questionnaire takes: "共 46 题，约 5–10 分钟。"
func (w Words) Length(n int) string {
	lo, hi := Estimate(n)
	return w.l.T(fmt.Sprintf("共 %d 题，约 %d–%d 分钟。", n, lo, hi), fmt.Sprintf("%d questions, about %d–%d minutes.", n, lo, hi))
}

// Estimate gives the time the questionnaire takes, as a range of
// minutes: about 6 to 12 seconds per question.
func Estimate(n int) (lo, hi int) {
	lo = max(1, (n*6+30)/60)
	hi = max(lo+1, (n*12+59)/60)
	return lo, hi
}

// QuestionOf is "第 3/46 题" (i from 0).
func (w Words) QuestionOf(i, n int) string {
	return w.l.T(fmt.Sprintf("第 %d/%d 题", i+1, n), fmt.Sprintf("Question %d/%d", i+1, n))
}

// Answered is "已答 12 题".
func (w Words) Answered(done int) string {
	return w.l.T(fmt.Sprintf("已答 %d 题", done), fmt.Sprintf("%d answered", done))
}

// Chosen marks the answer a question has.
func (w Words) Chosen() string { return w.l.T("✓ 已选", "✓ chosen") }

// NoAnswer stands for a question without an answer in the review.
func (w Words) NoAnswer() string { return w.l.T("未答", "—") }

// ResumeCode introduces the resume code; ResumeCodeUse says what it is
// for.
func (w Words) ResumeCode() string { return w.l.T("续答码：", "Resume code: ") }

// ResumeCodeUse says what the resume code is for.
func (w Words) ResumeCodeUse() string {
	return w.l.T("（断线后凭它接着作答）", " (use it to carry on after a disconnect)")
}

// Unfinished says that saved progress was found.
func (w Words) Unfinished(done, n int, when string) string {
	return w.l.T(fmt.Sprintf("发现上次未完成的作答：已答 %d/%d 题（%s 保存）。", done, n, when),
		fmt.Sprintf("Unfinished answers were found: %d of %d answered (saved %s).", done, n, when))
}

// Resume and StartOver are the choices when progress was found.
func (w Words) Resume() string    { return w.l.T("继续上次", "Resume") }
func (w Words) StartOver() string { return w.l.T("重新开始", "Start over") }

// AboutTitle and the about-you fields.
func (w Words) AboutTitle() string { return w.l.T("关于您（可不填）", "About you (optional)") }

// AboutLabels are the about-you fields: name, unit, role.
func (w Words) AboutLabels() [3]string {
	return [3]string{w.l.T("姓名", "Name"), w.l.T("单位", "Unit"), w.l.T("职务", "Role")}
}

// Start and Anonymous are the about-you step's two ways on.
func (w Words) Start() string     { return w.l.T("开始作答", "Start") }
func (w Words) Anonymous() string { return w.l.T("匿名作答", "Anonymous") }

// ReviewTitle is the review's heading; ReviewSummary counts the answers.
func (w Words) ReviewTitle() string { return w.l.T("总览", "Review") }

// ReviewSummary is "已答 44/46 题" with ", 未答 2 题" when some are missing
// (the second part, for a face that styles it apart).
func (w Words) ReviewSummary(answered, n int) (done, missing string) {
	done = w.l.T(fmt.Sprintf("已答 %d/%d 题", answered, n), fmt.Sprintf("%d of %d answered", answered, n))
	if n > answered {
		missing = w.l.T(fmt.Sprintf("，未答 %d 题", n-answered), fmt.Sprintf(", %d unanswered", n-answered))
	}
	return done, missing
}

// SubmitTitle and Submit name the last step.
func (w Words) SubmitTitle() string { return w.l.T("提交问卷", "Submit") }

// Submit is the submit button.
func (w Words) Submit() string { return w.l.T("提交", "Submit") }

// SubmitStatus says whether every question is answered, and what an
// unanswered one means (missing from 0).
func (w Words) SubmitStatus(missing []int, n int) string {
	if len(missing) == 0 {
		return w.l.T(fmt.Sprintf("%d 题全部答完。", n), fmt.Sprintf("All %d questions are answered.", n))
	}
	nums := make([]string, len(missing))
	for i, x := range missing {
		nums[i] = fmt.Sprint(x + 1)
	}
	return w.l.T(
		fmt.Sprintf("还有 %d 题未答（第 %s 题）。未答的题不计分；某一方面作答不足八成时，这一项不出分。", len(missing), strings.Join(nums, "、")),
		fmt.Sprintf("%d questions are unanswered (%s). They are not scored; an area with fewer than 80%% of its questions answered gets no score.", len(missing), strings.Join(nums, ", ")))
}

// SubmitFailed introduces why the result could not be saved; KeptAsProgress
// reassures that nothing is lost.
func (w Words) SubmitFailed() string {
	return w.l.T("保存结果失败：", "Could not save the result: ")
}

// KeptAsProgress says that a failed submit lost nothing.
func (w Words) KeptAsProgress() string {
	return w.l.T("作答都已保存为进度，不会丢失。", "Your answers are kept as progress.")
}

// NotSaved introduces why the progress could not be saved.
func (w Words) NotSaved() string {
	return w.l.T("⚠ 进度未能保存：", "⚠ progress not saved: ")
}

// ResultTitle is the result's heading.
func (w Words) ResultTitle() string { return w.l.T("自查结果", "Your result") }

// FirstQuestion says that there is no question before this one.
func (w Words) FirstQuestion() string {
	return w.l.T("这已经是第一题。", "This is the first question.")
}

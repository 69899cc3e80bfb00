package bank

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/tangping-dev/tangping/internal/diag"
	"github.com/tangping-dev/tangping/internal/i18n"
	"github.com/tangping-dev/tangping/questions"
)

// MaxFileSize bounds what the loader reads: a bank is a few dozen KiB
// (the default 43 KB), and the YAML parser costs about 10 µs a token, so
// a 4 MiB file took 44 s and 1.8 GB before it could be refused.
const MaxFileSize = 1 << 20

// Default returns the default bank, compiled into the binary at build
// time (released.go); it parses nothing. Only a binary built without the
// compiled banks (the genbank tag) parses the embedded YAML.
func Default(lang i18n.Lang) (*Bank, error) {
	if r, ok := defaultReleased(); ok {
		return r.build(), nil
	}
	name, data := questions.Default()
	return Parse(name, data, lang)
}

// Load reads and validates the bank at path, or the embedded default bank
// when path is empty. Messages are in lang.
func Load(path string, lang i18n.Lang) (*Bank, error) {
	if path == "" {
		return Default(lang)
	}
	data, err := diag.ReadFile(path, MaxFileSize, lang)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, lang)
}

// Parse decodes and validates a bank. name is used in messages. Every
// problem in the file is reported together in one *diag.Error.
func Parse(name string, data []byte, lang i18n.Lang) (*Bank, error) {
	e := &diag.Error{File: name}
	fail := func(line, col int, msg string) (*Bank, error) {
		e.Add(line, col, msg)
		return nil, e.OrNil()
	}
	// The hash is of the file's bytes as they are; the parser gets the
	// text without a byte-order mark.
	raw := data
	data, err := diag.Text(name, data, lang)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(string(data)) == "" {
		return fail(0, 0, lang.T("文件是空的。题库至少需要 id、version、items 等字段，可参考 tangping bank show 的输出。",
			"the file is empty. A bank needs id, version, items and more; see `tangping bank show` for an example."))
	}
	if line, col := tooDeep(data); line > 0 {
		return fail(line, col, lang.T(fmt.Sprintf("方括号或花括号嵌套超过 %d 层：题库只需要几层。请检查括号是否配对，或是否选错了文件。", maxNesting),
			fmt.Sprintf("brackets or braces nested more than %d levels deep; a bank needs a few. Check that they pair up, or that this is the right file.", maxNesting)))
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		line, col := errPos(err)
		return fail(line, col, lang.T("YAML 语法错误：", "YAML syntax error: ")+errMessage(err)+
			lang.T("。请检查缩进和引号。", ". Check indentation and quotes."))
	}
	if len(file.Docs) == 0 || (len(file.Docs) == 1 && file.Docs[0].Body == nil) {
		// Only comments: as empty as an empty file, to the person reading.
		return fail(0, 0, lang.T("文件里没有题库内容（只有注释）。题库至少需要 id、version、items 等字段，可参考 tangping bank show 的输出。",
			"the file is empty apart from comments. A bank needs id, version, items and more; see `tangping bank show` for an example."))
	}
	if len(file.Docs) != 1 {
		return fail(0, 0, lang.T("文件应当只包含一个 YAML 文档。", "the file must hold exactly one YAML document."))
	}
	body := file.Docs[0].Body
	w := walker{pos: map[string]token.Position{}, types: map[string]reflect.Type{}, literal: map[string]string{}, lang: lang, err: e}
	w.walk(body, "", reflect.TypeFor[Bank]())
	// Missing top-level fields are reported at the start of the file.
	w.pos[""] = token.Position{Line: 1, Column: 1}
	if w.wrongKind {
		// A list where a mapping belongs makes the decoded value
		// meaningless; unknown fields do not, so those go on to the
		// full check below and are reported together with its findings.
		return nil, e.OrNil()
	}
	var b Bank
	if err := yaml.NodeToValue(body, &b); err != nil {
		line, col := errPos(err)
		if msg := w.wrongType(line, col); msg != "" {
			return fail(line, col, msg)
		}
		return fail(line, col, lang.T("类型不对：", "wrong type: ")+errMessage(err)+
			lang.T("。数字字段请写数字，文本字段请写文本。", ". Write numbers in number fields and text in text fields."))
	}
	sum := sha256.Sum256(raw)
	b.SHA256 = hex.EncodeToString(sum[:])
	b.File = name
	// The version goes into every result; keep it as the trainer wrote it.
	if lit, ok := w.literal["version"]; ok {
		b.Version = lit
	}
	v := validator{b: &b, pos: w.pos, lang: lang, err: e}
	v.run()
	if err := e.OrNil(); err != nil {
		return nil, err
	}
	b.applyDefaults()
	return &b, nil
}

// keyText is a mapping key as written, without quotes: "id" and id are
// the same key (bank show --json writes them quoted).
func keyText(k ast.MapKeyNode) string {
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	return k.String()
}

func errPos(err error) (int, int) {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return p.Line, p.Column
	}
	return 0, 0
}

func errMessage(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}

// walker checks the shape of the YAML tree against the Go types, so that
// every unknown field and every wrong kind of node is reported at once,
// and records where each path ("items[3].id") stands in the file.
type walker struct {
	pos map[string]token.Position
	// types holds the Go type expected at each path, so that a decoding
	// error can be told in the bank's terms rather than Go's.
	types map[string]reflect.Type
	// literal holds numbers written where text belongs, as spelt: the
	// decoder would turn "version: 1.0" into "1".
	literal map[string]string
	lang    i18n.Lang
	err     *diag.Error
	// wrongKind is set when a node has the wrong kind (a list for a
	// mapping, say); decoding cannot go on after that.
	wrongKind bool
}

func (w *walker) add(n ast.Node, msg string) {
	p := nodePos(n)
	w.err.Add(p.Line, p.Column, msg)
}

func nodePos(n ast.Node) token.Position {
	if n == nil || n.GetToken() == nil {
		return token.Position{}
	}
	return *n.GetToken().Position
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.AnchorNode:
			n = x.Value
		case *ast.TagNode:
			n = x.Value
		default:
			return n
		}
	}
}

func (w *walker) walk(n ast.Node, path string, t reflect.Type) {
	n = unwrap(n)
	if n == nil {
		return
	}
	w.pos[path] = nodePos(n)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	w.types[path] = t
	if _, isNull := n.(*ast.NullNode); isNull {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			w.wrongKind = true
			w.add(n, w.lang.T(fmt.Sprintf("%s应当是一个映射（键: 值）。", zhSubject(path)), fmt.Sprintf("%s must be a mapping (key: value).", show(path))))
			return
		}
		fields := yamlFields(t)
		seen := map[string]bool{}
		for _, mv := range m.Values {
			key := keyText(mv.Key)
			if seen[key] {
				w.add(mv.Key, w.lang.T(fmt.Sprintf("字段 %q 重复出现，请删除其中一个。", key), fmt.Sprintf("field %q appears twice; remove one.", key)))
				continue
			}
			seen[key] = true
			f, ok := fields[key]
			if !ok {
				w.add(mv.Key, w.unknownField(key, path, fields))
				continue
			}
			w.walk(mv.Value, join(path, key), f)
		}
	case reflect.Map:
		m, ok := n.(*ast.MappingNode)
		if !ok {
			w.wrongKind = true
			w.add(n, w.lang.T(fmt.Sprintf("%s应当按语言给出文本，例如 {zh: \"……\", en: \"...\"}。", zhSubject(path)),
				fmt.Sprintf("%s must give text per language, e.g. {zh: \"……\", en: \"...\"}.", show(path))))
			return
		}
		for _, mv := range m.Values {
			key := keyText(mv.Key)
			w.pos[join(path, key)] = nodePos(mv.Value)
			w.types[join(path, key)] = t.Elem()
			switch unwrap(mv.Value).(type) {
			case *ast.MappingNode, *ast.SequenceNode:
				w.wrongKind = true
				w.add(mv.Value, w.lang.T(fmt.Sprintf("%s应当是一段文本。", zhSubject(join(path, key))), fmt.Sprintf("%s must be a piece of text.", show(join(path, key)))))
			}
		}
	case reflect.Slice:
		s, ok := n.(*ast.SequenceNode)
		if !ok {
			w.wrongKind = true
			w.add(n, w.lang.T(fmt.Sprintf("%s应当是一个列表（以 - 开头的各行，或 [a, b]）。", zhSubject(path)),
				fmt.Sprintf("%s must be a list (lines starting with -, or [a, b]).", show(path))))
			return
		}
		for i, v := range s.Values {
			w.walk(v, fmt.Sprintf("%s[%d]", path, i), t.Elem())
		}
	default:
		switch n.(type) {
		case *ast.MappingNode, *ast.SequenceNode:
			w.wrongKind = true
			w.add(n, w.lang.T(fmt.Sprintf("%s应当是单个值，而不是列表或映射。", zhSubject(path)), fmt.Sprintf("%s must be a single value, not a list or mapping.", show(path))))
		case *ast.FloatNode, *ast.IntegerNode:
			if t.Kind() == reflect.String && n.GetToken() != nil {
				w.literal[path] = n.GetToken().Value
			}
		}
	}
}

func (w *walker) unknownField(key, path string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	where := show(path)
	if s := closest(key, names); s != "" {
		return w.lang.T(fmt.Sprintf("%s中有未知字段 %q，是不是想写 %q？", zhSubject(path), key, s),
			fmt.Sprintf("unknown field %q in %s; did you mean %q?", key, where, s))
	}
	sortStrings(names)
	return w.lang.T(fmt.Sprintf("%s中有未知字段 %q。可用的字段：%s。", zhSubject(path), key, strings.Join(names, ", ")),
		fmt.Sprintf("unknown field %q in %s. Known fields: %s.", key, where, strings.Join(names, ", ")))
}

// wrongType names, in the bank's terms, the field at line:col whose value
// could not be decoded, or returns "" when no scalar field stands there.
func (w *walker) wrongType(line, col int) string {
	if line == 0 {
		return ""
	}
	var paths []string
	for path, p := range w.pos {
		if p.Line == line && p.Column == col {
			paths = append(paths, path)
		}
	}
	sortStrings(paths)
	for _, path := range paths {
		t := w.types[path]
		if t == nil {
			continue
		}
		var zh, en string
		switch t.Kind() {
		case reflect.Int:
			zh, en = "整数", "a whole number"
		case reflect.Float64:
			zh, en = "数字", "a number"
		case reflect.Bool:
			zh, en = "true 或 false", "true or false"
		case reflect.String:
			zh, en = "一段文本", "a piece of text"
		default:
			continue
		}
		return w.lang.T(fmt.Sprintf("%s 应当是%s。", path, zh), fmt.Sprintf("%s must be %s.", path, en))
	}
	return ""
}

// zhSubject is path as the subject of a Chinese sentence: followed by a
// space, as Latin text is before Chinese, or 题库顶层 with none.
func zhSubject(path string) string {
	if path == "" {
		return "题库顶层"
	}
	return path + " "
}

func show(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

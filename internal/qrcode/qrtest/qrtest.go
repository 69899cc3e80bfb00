// Package qrtest reads QR codes back for tests, with a decoder that
// shares nothing with the encoder (github.com/makiuchi-d/gozxing): from
// the half blocks a terminal shows, from the SVG a page carries, and
// from a screenshot. Only tests import it.
package qrtest

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Modules is a grid of modules, true for dark, row by row.
type Modules [][]bool

// FromLines parses half-block lines (ANSI styling already stripped) back
// into modules: each cell is two modules, the upper and the lower. Only
// the lines of the code may be given; every other character is an error.
func FromLines(lines []string) (Modules, error) {
	var m Modules
	for i, l := range lines {
		var top, bottom []bool
		for _, r := range l {
			switch r {
			case '█':
				top, bottom = append(top, true), append(bottom, true)
			case '▀':
				top, bottom = append(top, true), append(bottom, false)
			case '▄':
				top, bottom = append(top, false), append(bottom, true)
			case ' ':
				top, bottom = append(top, false), append(bottom, false)
			default:
				return nil, fmt.Errorf("line %d: %q is not a half block", i+1, r)
			}
		}
		m = append(m, top, bottom)
	}
	return m, nil
}

var svgRun = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
var svgBox = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)

// FromSVG parses the QR code's SVG as internal/qrcode draws it (a path
// of one-module-high runs) back into modules.
func FromSVG(svg string) (Modules, error) {
	box := svgBox.FindStringSubmatch(svg)
	if box == nil {
		return nil, errors.New("no viewBox")
	}
	n, _ := strconv.Atoi(box[1])
	m := make(Modules, n)
	for i := range m {
		m[i] = make([]bool, n)
	}
	runs := svgRun.FindAllStringSubmatch(svg, -1)
	if len(runs) == 0 {
		return nil, errors.New("no dark modules")
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		for k := range w {
			if y >= n || x+k >= n {
				return nil, fmt.Errorf("run %s outside the %d×%d box", r[0], n, n)
			}
			m[y][x+k] = true
		}
	}
	return m, nil
}

// Image draws the modules scale pixels each, dark on white, with margin
// light modules around them (the lines may already carry a quiet zone).
func (m Modules) Image(scale, margin int) image.Image {
	w := 0
	for _, row := range m {
		w = max(w, len(row))
	}
	img := image.NewGray(image.Rect(0, 0, (w+2*margin)*scale, (len(m)+2*margin)*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y, row := range m {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+margin)*scale+dx, (y+margin)*scale+dy, color.Gray{})
				}
			}
		}
	}
	return img
}

// Decode reads the one QR code in img.
func Decode(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// DecodePNG reads the one QR code in a PNG (a screenshot).
func DecodePNG(data []byte) (string, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	return Decode(img)
}

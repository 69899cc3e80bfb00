// Command pngtrim cuts a tall screenshot just below the end of the page,
// and can shrink it for the docs: go run ./bench/pngtrim [-scale 0.5] FILE.png...
// The page ends at the last row that differs from the bottom row: below
// it Chromium painted only the background. Used by bench/render-reports.sh.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
)

func main() {
	scale := flag.Float64("scale", 1, "shrink to this share of the size (0 < scale ≤ 1)")
	margin := flag.Int("margin", 24, "rows kept below the last painted row")
	flag.Parse()
	for _, f := range flag.Args() {
		if err := trim(f, *scale, *margin); err != nil {
			fmt.Fprintln(os.Stderr, "pngtrim:", err)
			os.Exit(1)
		}
	}
}

func trim(path string, scale float64, margin int) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	img, err := png.Decode(in)
	in.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	b := img.Bounds()
	same := func(y int) bool {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !eq(img.At(x, y), img.At(x, b.Max.Y-1)) {
				return false
			}
		}
		return true
	}
	last := b.Max.Y - 1
	for last > b.Min.Y && same(last) {
		last--
	}
	h := min(last+1+margin, b.Max.Y) - b.Min.Y
	var out image.Image = crop(img, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+h))
	if scale > 0 && scale < 1 {
		out = shrink(out, scale)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, out); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func eq(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2
}

func crop(img image.Image, r image.Rectangle) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(dst, dst.Bounds(), img, r.Min, draw.Src)
	return dst
}

// shrink averages boxes of source pixels: plain, but fair to text.
func shrink(img image.Image, s float64) image.Image {
	b := img.Bounds()
	w, h := int(float64(b.Dx())*s), int(float64(b.Dy())*s)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		y0, y1 := b.Min.Y+int(float64(y)/s), b.Min.Y+int(float64(y+1)/s)
		for x := range w {
			x0, x1 := b.Min.X+int(float64(x)/s), b.Min.X+int(float64(x+1)/s)
			var r, g, bl, n uint32
			for yy := y0; yy < max(y1, y0+1); yy++ {
				for xx := x0; xx < max(x1, x0+1); xx++ {
					cr, cg, cb, _ := img.At(xx, yy).RGBA()
					r, g, bl, n = r+cr>>8, g+cg>>8, bl+cb>>8, n+1
				}
			}
			dst.Set(x, y, color.RGBA{uint8(r / n), uint8(g / n), uint8(bl / n), 255})
		}
	}
	return dst
}

package plots

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math/bits"
	"sync"
)

// encodePNG writes img as a PNG file (W3C PNG specification, 2nd
// edition; RFC 1950 zlib and RFC 1951 deflate): 8-bit truecolour (RGB)
// when img is an *image.RGBA whose every pixel is opaque, as a figure on
// its white canvas is, each row but the first filtered by "Up" (its
// difference with the row above), compressed by run-length deflate.
// Any other image goes to image/png at its fastest level.
//
// Why not image/png: at any level but NoCompression it tries all five row
// filters on every row and keeps the one with the smallest sum of
// absolute differences, then runs deflate's string matching over the
// whole image: 73 ms at its fastest level for a 1890 x 1417 raster of
// 183 000 spikes at 300 dpi. A figure is rows of white with a few lines,
// letters and dots: Up leaves zeros wherever a pixel repeats the one
// above, and run-length deflate (zlib's Z_RLE strategy: a literal, then
// matches at distance 1, with the fixed Huffman code) writes a run of 258
// equal bytes in 21 bits. The filtered rows are never built: a row is
// compared with the one above 32 bytes at a time, the equal stretches
// only counted as zeros, and only the pixels that differ filtered and
// coded (upRow); opacity is checked on those pixels only (a pixel equal
// to the one above is as opaque as it). The files are 30 to 80 % larger
// than image/png's (literals cost 8 or 9 bits, and repeated glyph edges
// are not matched) and decode to the same pixels.
func encodePNG(w io.Writer, img image.Image) error {
	if rgba, ok := img.(*image.RGBA); ok {
		spareOut.Lock()
		buf := spareOut.b
		spareOut.b = nil
		spareOut.Unlock()
		data, ok := encodeOpaqueRGBA(buf[:0], rgba)
		var err error
		if ok {
			_, err = w.Write(data)
		}
		spareOut.Lock()
		if cap(data) > cap(spareOut.b) {
			spareOut.b = data
		}
		spareOut.Unlock()
		if ok {
			return err
		}
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}

// spareOut is the buffer of the last file encodePNG made, for the next
// (a new one for every figure, grown as the file grows, costs more in
// fresh memory than the encoding of the rows).
var spareOut struct {
	sync.Mutex
	b []byte
}

// encodeOpaqueRGBA appends img to out as an RGB PNG file, or returns
// false if a pixel of img is not opaque.
func encodeOpaqueRGBA(out []byte, img *image.RGBA) ([]byte, bool) {
	b := img.Rect
	width, height := b.Dx(), b.Dy()
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:4], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:8], uint32(height))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = 2 // colour type: truecolour; compression, filter method, interlace: 0
	out = appendChunk(out, "IHDR", ihdr[:])
	z := newRLEZlib(out)
	var prevPix []byte
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := img.PixOffset(b.Min.X, y)
		pix := img.Pix[i : i+4*width : i+4*width]
		switch {
		case prevPix == nil: // the first row: filter None
			z.write([]byte{0})
			if !z.noneRow(pix) {
				return nil, false
			}
		case bytes.Equal(pix, prevPix): // Up: all zeros
			z.write([]byte{2})
			z.run(0, 3*width)
		default: // Up
			z.write([]byte{2})
			if !z.upRow(pix, prevPix) {
				return nil, false
			}
		}
		prevPix = pix
	}
	z.close()
	return appendChunk(z.dst, "IEND", nil), true
}

// alphas masks the alpha bytes of two RGBA pixels read as a little-endian
// word.
const alphas = 0xff000000ff000000

// noneRow codes the RGB bytes of the RGBA row pix (filter None); it
// reports false if a pixel is not opaque.
func (z *rleZlib) noneRow(pix []byte) bool {
	for x := 0; x+4 <= len(pix); x += 4 {
		p := pix[x : x+4 : x+4]
		if p[3] != 0xff {
			return false
		}
		z.write(p[:3])
	}
	return true
}

// upRow codes the Up filter of the RGBA row cur against prev (the row
// above, as long): the byte-wise differences, modulo 256, of their RGB
// bytes. Stretches where the rows agree are skipped 32 bytes (8 pixels)
// at a time and coded as runs of zeros; the words of two pixels that
// differ are subtracted without borrows between bytes (SWAR: high bits
// set in the minuend, cleared in the subtrahend, then fixed up). It
// reports false if a pixel that differs from the one above is not
// opaque.
func (z *rleZlib) upRow(cur, prev []byte) bool {
	const h = 0x8080808080808080
	le := binary.LittleEndian
	n := len(cur)
	prev = prev[:n]
	zeros := 0 // zero bytes of the filtered row not yet coded
	var d [8]byte
	x := 0
	for {
		for ; x+32 <= n; x += 32 {
			c, p := cur[x:x+32:x+32], prev[x:x+32:x+32]
			if (le.Uint64(c)^le.Uint64(p))|(le.Uint64(c[8:])^le.Uint64(p[8:]))|
				(le.Uint64(c[16:])^le.Uint64(p[16:]))|(le.Uint64(c[24:])^le.Uint64(p[24:])) != 0 {
				break
			}
			zeros += 24
		}
		if x+8 > n {
			break
		}
		c, p := le.Uint64(cur[x:]), le.Uint64(prev[x:])
		x += 8
		if c == p {
			zeros += 6
			continue
		}
		if c&alphas != alphas {
			return false
		}
		diff := ((c | h) - (p &^ h)) ^ ((c ^ ^p) & h)
		le.PutUint64(d[:], diff&0xffffff|(diff>>8)&0xffffff000000) // drop the alpha bytes
		if zeros > 0 {
			z.run(0, zeros)
			zeros = 0
		}
		z.write(d[:6])
	}
	if x < n { // the last pixel of an odd row
		c, p := cur[x:x+4:x+4], prev[x:x+4:x+4]
		if c[3] != 0xff {
			return false
		}
		d[0], d[1], d[2] = c[0]-p[0], c[1]-p[1], c[2]-p[2]
		if zeros > 0 {
			z.run(0, zeros)
			zeros = 0
		}
		z.write(d[:3])
	}
	if zeros > 0 {
		z.run(0, zeros)
	}
	return true
}

// appendChunk appends one PNG chunk to dst: length, type, data, CRC-32
// of type and data.
func appendChunk(dst []byte, name string, data []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(data)))
	i := len(dst)
	dst = append(dst, name...)
	dst = append(dst, data...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[i:]))
}

// rleZlib writes a zlib stream (RFC 1950) holding one deflate block
// (RFC 1951) with the fixed Huffman code, made of literals and matches at
// distance 1 (runs of the byte before), with the Adler-32 of the data,
// appending it to dst in PNG chunks (IDAT) of up to 64 KiB.
type rleZlib struct {
	dst     []byte // the file so far
	out     []byte // compressed bytes not yet in a chunk
	acc     uint64 // bits not yet in out, the first in the lowest bit
	nacc    uint   // how many
	last    int    // the last byte written, or -1
	pending int    // bytes equal to last, after it, not yet coded
	a, b    uint64 // Adler-32 sums, reduced modulo 65521 now and then
}

const adlerMod = 65521

func newRLEZlib(dst []byte) *rleZlib {
	z := &rleZlib{dst: dst, last: -1, a: 1, out: make([]byte, 0, 1<<16)}
	z.out = append(z.out, 0x78, 0x01) // deflate, 32 KiB window, no dictionary, fastest
	z.bits(1, 1)                      // BFINAL: the only block
	z.bits(1, 2)                      // BTYPE 01: fixed Huffman code
	return z
}

// bits appends the n low bits of v to the stream, first bit lowest.
func (z *rleZlib) bits(v uint64, n uint) {
	z.acc |= v << z.nacc
	z.nacc += n
	if z.nacc >= 32 {
		z.spill()
	}
}

// spill moves 32 bits of the accumulator to out. It also reduces the
// Adler-32 sums when they grow large: literals (at least 7 bits each)
// spill at least every five, so the sums stay far from overflowing.
func (z *rleZlib) spill() {
	z.out = binary.LittleEndian.AppendUint32(z.out, uint32(z.acc))
	z.acc >>= 32
	z.nacc -= 32
	if len(z.out) >= 1<<16-8 {
		z.flush()
	}
	if z.b >= 1<<60 {
		z.a %= adlerMod
		z.b %= adlerMod
	}
}

func (z *rleZlib) flush() {
	if len(z.out) > 0 {
		z.dst = appendChunk(z.dst, "IDAT", z.out)
		z.out = z.out[:0]
	}
}

// write appends p to the data: runs of the byte before as matches (run),
// the others as literals, coded here rather than by literal (the cost
// of a figure's antialiased edges).
func (z *rleZlib) write(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		if int(c) == z.last {
			n := runLength(p[i:], c)
			z.run(c, n)
			i += n
			continue
		}
		if z.pending > 0 {
			z.endRun()
		}
		l := litCodes[c]
		z.acc |= uint64(l.bits) << z.nacc
		z.nacc += uint(l.n)
		if z.nacc >= 32 {
			z.spill()
		}
		z.last = int(c)
		z.a += uint64(c)
		z.b += z.a
		i++
	}
}

// runLength returns how many bytes of p, from the first, equal c,
// comparing eight at a time.
func runLength(p []byte, c byte) int {
	pat := uint64(c) * 0x0101010101010101
	j := 0
	for ; j+8 <= len(p); j += 8 {
		if x := binary.LittleEndian.Uint64(p[j:]) ^ pat; x != 0 {
			return j + bits.TrailingZeros64(x)/8
		}
	}
	for j < len(p) && p[j] == c {
		j++
	}
	return j
}

// run appends n bytes equal to c.
func (z *rleZlib) run(c byte, n int) {
	if int(c) != z.last {
		z.endRun()
		z.literal(c)
		n--
	}
	z.pending += n
	// Adler-32 of n bytes c: a grows by n c, b by n a + c n (n+1)/2.
	if z.a >= 1<<32 {
		z.a %= adlerMod
	}
	nn, cc := uint64(n), uint64(c)
	z.b += nn*z.a + cc*(nn*(nn+1)/2)
	z.a += nn * cc
	if z.b >= 1<<60 {
		z.a %= adlerMod
		z.b %= adlerMod
	}
}

// endRun codes the pending run of the last byte: matches of up to 258
// at distance 1, and literals for the 1 or 2 bytes a match cannot take.
func (z *rleZlib) endRun() {
	n := z.pending
	z.pending = 0
	for n >= 3 {
		l := min(n, 258)
		if r := n - l; r > 0 && r < 3 && l == 258 {
			l = n - 3 // leave a match of 3 rather than 1 or 2 literals
		}
		m := matchCodes[l]
		z.bits(uint64(m.bits), uint(m.n))
		n -= l
	}
	for ; n > 0; n-- {
		z.literalCode(byte(z.last))
	}
}

// literal appends the byte c as a literal.
func (z *rleZlib) literal(c byte) {
	z.literalCode(c)
	z.last = int(c)
	z.a += uint64(c)
	z.b += z.a
}

func (z *rleZlib) literalCode(c byte) {
	l := litCodes[c]
	z.bits(uint64(l.bits), uint(l.n))
}

// close ends the block and the stream and writes what is left.
func (z *rleZlib) close() {
	z.endRun()
	eob := litCodes[256]
	z.bits(uint64(eob.bits), uint(eob.n))
	z.bits(0, 7) // pad to a whole byte (flushing 32 bits at a time)
	for z.nacc >= 8 {
		z.out = append(z.out, byte(z.acc))
		z.acc >>= 8
		z.nacc -= 8
	}
	z.acc, z.nacc = 0, 0
	z.a %= adlerMod
	z.b %= adlerMod
	z.out = binary.BigEndian.AppendUint32(z.out, uint32(z.b<<16|z.a))
	z.flush()
}

// code is a prefix code, its first bit lowest, n bits long.
type code struct {
	bits uint32
	n    uint8
}

// litCodes are the fixed Huffman codes of the literal/length alphabet
// (RFC 1951 section 3.2.6) for 0..287; matchCodes[l], for match lengths
// l = 3..258, are the length code, its extra bits, and the distance
// code for distance 1 (five zero bits), ready to append.
var litCodes, matchCodes = fixedCodes()

func fixedCodes() (lit [288]code, match [259]code) {
	for v := range 288 {
		var c, n uint32
		switch {
		case v < 144:
			c, n = 0x30+uint32(v), 8
		case v < 256:
			c, n = 0x190+uint32(v-144), 9
		case v < 280:
			c, n = uint32(v-256), 7
		default:
			c, n = 0xc0+uint32(v-280), 8
		}
		// Huffman codes are sent from their most significant bit.
		lit[v] = code{bits: bits.Reverse32(c) >> (32 - n), n: uint8(n)}
	}
	// Length codes 257..285: base lengths and extra bits (RFC 1951 3.2.5).
	base := [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for l := 3; l <= 258; l++ {
		k := len(base) - 1
		for base[k] > l {
			k--
		}
		lc := lit[257+k]
		c := uint64(lc.bits) | uint64(l-base[k])<<lc.n
		n := lc.n + extra[k] + 5 // distance code 0 (distance 1): 00000
		match[l] = code{bits: uint32(c), n: n}
	}
	return lit, match
}

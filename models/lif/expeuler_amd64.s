// AVX2 and FMA kernel of StepExpEuler (expeuler.go): the arithmetic of
// expEulerOne, operation for operation. Its exponential is fastexp's
// (integrate/fastexp/vector_amd64.s): the same constants and the same
// instructions, with the constants read from memory rather than kept in
// registers, so the same bits as fastexp.ExpEuler
// (TestExpEulerStepMatchesPasses). eeArgs' layout: y 0, prev 8,
// refEnd 16, i 24, g0 32, g1 40, n 48, c 56, bad 64, for neurons that
// differ a0 72, nb 80, invC 88, vTh 96, vReset 104 (arrays), g2 112, g3
// 120, k 128 (the number of inputs), noI 136 (no held current); eeStep's: a0 0, nb 8, invC 16, dt
// 24, vTh 32, ends 40, vReset 48, reset 56, e 64 .. 88, cm 96 .. 120, em
// 128 .. 152.
//
// Each width has one body (EEBODY, EEBODY512) for two kernels: the
// shared one broadcasts a0, nb, invC, vTh and vReset from eeStep, the
// per-neuron one (PN) loads them four or eight at a time from the
// arrays; the helper macros EEA0, EENB, EEVR (and, for the per-neuron
// kernel, EELOAD at the top of each group) are defined for each
// four-lane kernel before it, and the eight-lane body keeps them all in
// registers.

#include "textflag.h"

// fastexp's constants (integrate/fastexp/vector_amd64.s), four copies
// each, read where that package keeps them: the same values.
#define FXLOG2E gospike∕integrate∕fastexp·log2e(SB)
#define FXMAGIC gospike∕integrate∕fastexp·magic(SB)
#define FXLN2HI gospike∕integrate∕fastexp·ln2hi(SB)
#define FXLN2LO gospike∕integrate∕fastexp·ln2lo(SB)
#define FXHIX gospike∕integrate∕fastexp·hix(SB)
#define FXLOX gospike∕integrate∕fastexp·lox(SB)
#define FXONE gospike∕integrate∕fastexp·one(SB)
#define FXINF gospike∕integrate∕fastexp·inf(SB)
#define FXMONE gospike∕integrate∕fastexp·mone(SB)
#define FXZERO gospike∕integrate∕fastexp·zero(SB)
#define FXC2 gospike∕integrate∕fastexp·c2(SB)
#define FXC3 gospike∕integrate∕fastexp·c3(SB)
#define FXC4 gospike∕integrate∕fastexp·c4(SB)
#define FXC5 gospike∕integrate∕fastexp·c5(SB)
#define FXC6 gospike∕integrate∕fastexp·c6(SB)
#define FXC7 gospike∕integrate∕fastexp·c7(SB)
#define FXC8 gospike∕integrate∕fastexp·c8(SB)
#define FXC9 gospike∕integrate∕fastexp·c9(SB)
#define FXC10 gospike∕integrate∕fastexp·c10(SB)
#define FXC11 gospike∕integrate∕fastexp·c11(SB)
#define FXC12 gospike∕integrate∕fastexp·c12(SB)
#define FXC13 gospike∕integrate∕fastexp·c13(SB)
#define FXBIAS gospike∕integrate∕fastexp·bias(SB)

DATA ninf<>+0(SB)/8, $0xfff0000000000000
DATA ninf<>+8(SB)/8, $0xfff0000000000000
DATA ninf<>+16(SB)/8, $0xfff0000000000000
DATA ninf<>+24(SB)/8, $0xfff0000000000000
GLOBL ninf<>(SB), RODATA|NOPTR, $32

// ECORE: fastexp's CORE with its constants as memory operands: x in Y0
// -> s = 2^k in Y1, q = expm1(r) in Y2; clobbers Y3-Y6.
#define ECORE \
	VMULPD FXLOG2E, Y0, Y3; \
	VADDPD FXMAGIC, Y3, Y3; \
	VSUBPD FXMAGIC, Y3, Y4; \
	VPADDQ FXBIAS, Y3, Y1; \
	VPSLLQ $52, Y1, Y1; \
	VMOVAPD Y0, Y5; \
	VFNMADD231PD FXLN2HI, Y4, Y5; \
	VFNMADD231PD FXLN2LO, Y4, Y5; \
	VMOVUPD FXC13, Y6; \
	VFMADD213PD FXC12, Y5, Y6; \
	VFMADD213PD FXC11, Y5, Y6; \
	VFMADD213PD FXC10, Y5, Y6; \
	VFMADD213PD FXC9, Y5, Y6; \
	VFMADD213PD FXC8, Y5, Y6; \
	VFMADD213PD FXC7, Y5, Y6; \
	VFMADD213PD FXC6, Y5, Y6; \
	VFMADD213PD FXC5, Y5, Y6; \
	VFMADD213PD FXC4, Y5, Y6; \
	VFMADD213PD FXC3, Y5, Y6; \
	VFMADD213PD FXC2, Y5, Y6; \
	VMULPD Y5, Y5, Y3; \
	VFMADD213PD Y5, Y3, Y6; \
	VMOVAPD Y6, Y2

// EFIXUP(r, low): fastexp's FIXUP with hiX and loX from memory: for x
// (Y0) > hiX, r = +Inf; x < loX, r = low; x NaN, r = x. Clobbers Y4.
#define EFIXUP(r, low) \
	VCMPPD $0x1e, FXHIX, Y0, Y4; \
	VBLENDVPD Y4, FXINF, r, r; \
	VCMPPD $0x11, FXLOX, Y0, Y4; \
	VBLENDVPD Y4, low, r, r; \
	VCMPPD $3, Y0, Y0, Y4; \
	VBLENDVPD Y4, Y0, r, r

// DECAY(g, off, e, cm, em): one decaying input of the group at byte
// offset R13 of g: A (Y0) += g e, B (Y3) += g where a conductance
// (g AND cm: g or +0), g += g em, stored. Clobbers Y1, Y2.
#define DECAY(g, e, cm, em) \
	VMOVUPD (g)(R13*1), Y1; \
	VBROADCASTSD e(DX), Y2; \
	VMULPD Y2, Y1, Y2; \
	VADDPD Y2, Y0, Y0; \
	VBROADCASTSD cm(DX), Y2; \
	VANDPD Y2, Y1, Y2; \
	VADDPD Y2, Y3, Y3; \
	VBROADCASTSD em(DX), Y2; \
	VMULPD Y2, Y1, Y2; \
	VADDPD Y2, Y1, Y1; \
	VMOVUPD Y1, (g)(R13*1)


// EEBODY(more, noI): the step of four neurons at byte offset R13 (see
// expEulerOne; more and noI are labels for the macro's own use): y in DI, prev
// SI, refEnd R8, i R9, g0 BX, g1 R12, eeArgs in R14 (g2, g3 and the
// number of inputs read from it), eeStep in DX; invC in
// Y12, dt Y13, notRefractory Y14, vTh Y15; a0, nb, vReset through EEA0,
// EENB, EEVR; I read only when eeArgs.noI (136) is 0. Stores V and the
// inputs (prev: EELEFT, for the groups listed); leaves in R11 the mask of
// the lanes done (free and below threshold, or refractory past this
// step), compared with 15.
#define EEBODY(more, noI) \
	VMOVUPD (DI)(R13*1), Y7; \
	VMOVUPD (R8)(R13*1), Y11; \
	VCMPPD $0, Y14, Y11, Y10; \
	VXORPD Y0, Y0, Y0; \
	CMPQ 136(R14), $0; \
	JNE  noI; \
	VMOVUPD (R9)(R13*1), Y0; \
noI: \
	VXORPD Y3, Y3, Y3; \
	DECAY(BX, 64, 96, 128); \
	DECAY(R12, 72, 104, 136); \
	CMPQ 128(R14), $2; \
	JLE  more; \
	MOVQ 112(R14), R11; \
	DECAY(R11, 80, 112, 144); \
	CMPQ 128(R14), $3; \
	JLE  more; \
	MOVQ 120(R14), R11; \
	DECAY(R11, 88, 120, 152); \
more: \
	VMULPD Y12, Y0, Y0; \
	EEA0(Y2); \
	VADDPD Y0, Y2, Y0; \
	VMULPD Y12, Y3, Y3; \
	EENB(Y2); \
	VSUBPD Y3, Y2, Y9; \
	VANDPD Y10, Y0, Y0; \
	VANDPD Y10, Y9, Y9; \
	VMULPD Y7, Y9, Y8; \
	VADDPD Y0, Y8, Y8; \
	VMULPD Y13, Y9, Y0; \
	ECORE; \
	VSUBPD FXONE, Y1, Y3; \
	VFMADD231PD Y2, Y1, Y3; \
	EFIXUP(Y3, FXMONE); \
	VMULPD Y3, Y8, Y2; \
	VDIVPD Y9, Y2, Y2; \
	VMULPD Y13, Y8, Y1; \
	VCMPPD $0, FXZERO, Y0, Y4; \
	VBLENDVPD Y4, Y1, Y2, Y2; \
	VADDPD Y2, Y7, Y2; \
	VCMPPD $0x11, Y15, Y2, Y4; \
	VANDPD Y10, Y4, Y4; \
	VBROADCASTSD 40(DX), Y5; \
	VCMPPD $0x1e, Y5, Y11, Y5; \
	VORPD Y5, Y4, Y4; \
	VBROADCASTSD 56(DX), Y5; \
	VANDNPD Y5, Y10, Y5; \
	EEVR(Y6); \
	VBLENDVPD Y5, Y6, Y2, Y2; \
	VMOVUPD Y2, (DI)(R13*1); \
	VMOVMSKPD Y4, R11; \
	CMPQ R11, $15

// In words: V (Y7) to prev; free lanes (Y10): refEnd == notRefractory;
// A = I + g0 e0 + g1 e1 (+ g2 e2 + g3 e3), B = 0 + (g0 AND cm0) +
// (g1 AND cm1) (+ ...), the inputs decayed (DECAY); a = a0 + A invC, b = nb - B invC, both 0 where
// refractory; f = a + b V, x = b dt; expm1(x) = s q + (s - 1) with
// fastexp's fix-ups; V' = V + f expm1(x)/b (f dt where x = 0); done:
// free and V' < vTh, or refEnd > ends; V' = vReset where refractory and
// reset; V' stored.

// EEARGS loads the kernels' registers from the eeArgs at a+0(FP): the
// pointers, n in bytes in CX, eeStep in DX, the arguments in R14, 0 in
// AX and R13.
#define EEARGS \
	MOVQ a+0(FP), R14; \
	MOVQ 0(R14), DI; \
	MOVQ 8(R14), SI; \
	MOVQ 16(R14), R8; \
	MOVQ 24(R14), R9; \
	MOVQ 32(R14), BX; \
	MOVQ 40(R14), R12; \
	MOVQ 48(R14), CX; \
	MOVQ 64(R14), R10; \
	MOVQ 56(R14), DX; \
	XORQ AX, AX; \
	XORQ R13, R13; \
	SHLQ $3, CX

// EELEFT stores the group's V at t (Y7) into prev, where afterStep1
// reads it, and lists the group at R13 with the lanes left (R11 after
// EEBODY): group index << 4 (the offset is 32 bytes a group) | the lanes.
#define EELEFT \
	VMOVUPD Y7, (SI)(R13*1); \
	XORQ $15, R11; \
	MOVL R11, (R10)(AX*4); \
	MOVQ R13, R11; \
	SHRQ $1, R11; \
	ORL  R11, (R10)(AX*4); \
	INCQ AX

#define EEA0(r) VBROADCASTSD 0(DX), r
#define EENB(r) VBROADCASTSD 8(DX), r
#define EEVR(r) VBROADCASTSD 48(DX), r

// func expEulerAVX(a *eeArgs) int
TEXT ·expEulerAVX(SB), NOSPLIT, $0-16
	EEARGS
	VBROADCASTSD 16(DX), Y12  // invC
	VBROADCASTSD 24(DX), Y13  // dt
	VMOVUPD ninf<>(SB), Y14   // notRefractory
	VBROADCASTSD 32(DX), Y15  // vTh
	CMPQ R13, CX
	JGE  eeDone
eeLoop:
	EEBODY(eeMore, eeNoI)
	JNE  eeLeft
eeNext:
	ADDQ $32, R13
	CMPQ R13, CX
	JLT  eeLoop
eeDone:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
eeLeft:
	EELEFT
	JMP  eeNext

#undef EEA0
#undef EENB
#undef EEVR
#define EELOAD \
	MOVQ 88(R14), R11; \
	VMOVUPD (R11)(R13*1), Y12; \
	MOVQ 96(R14), R11; \
	VMOVUPD (R11)(R13*1), Y15
#define EEA0(r) MOVQ 72(R14), R11; VMOVUPD (R11)(R13*1), r
#define EENB(r) MOVQ 80(R14), R11; VMOVUPD (R11)(R13*1), r
#define EEVR(r) MOVQ 104(R14), R11; VMOVUPD (R11)(R13*1), r

// func expEulerPNAVX(a *eeArgs) int
//
// expEulerAVX for neurons that differ: a0, nb, invC, vTh and vReset four
// at a time from the arrays in eeArgs.
TEXT ·expEulerPNAVX(SB), NOSPLIT, $0-16
	EEARGS
	VBROADCASTSD 24(DX), Y13  // dt
	VMOVUPD ninf<>(SB), Y14   // notRefractory
	CMPQ R13, CX
	JGE  pnDone
pnLoop:
	EELOAD
	EEBODY(pnMore, pnNoI)
	JNE  pnLeft
pnNext:
	ADDQ $32, R13
	CMPQ R13, CX
	JLT  pnLoop
pnDone:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
pnLeft:
	EELEFT
	JMP  pnNext

#undef EELOAD
#undef EEA0
#undef EENB
#undef EEVR

// DECAY512(g, e, cm, em): DECAY on eight lanes (Z0 A, Z3 B; clobbers Z1,
// Z2), eeStep's e, cm and em broadcast from memory.
#define DECAY512(g, e, cm, em) \
	VMOVUPD (g)(R13*1), Z1; \
	VMULPD.BCST e(DX), Z1, Z2; \
	VADDPD Z2, Z0, Z0; \
	VPANDQ.BCST cm(DX), Z1, Z2; \
	VADDPD Z2, Z3, Z3; \
	VMULPD.BCST em(DX), Z1, Z2; \
	VADDPD Z2, Z1, Z1; \
	VMOVUPD Z1, (g)(R13*1)

// EEBODY512(more, noI): EEBODY on eight lanes (n a multiple of 8), the lane
// masks in opmask registers, the blends done by merge-masking: a0 in Z16,
// nb Z17, invC Z12, dt Z13, notRefractory Z14, vTh Z15, ends Z18, vReset
// Z19, fastexp's log2e Z24, magic Z25, bias Z26, ln2hi Z27, ln2lo Z28,
// one Z29, 0 in Z30, reset in K7. Leaves the lanes done in R11, compared
// with 0xff.
#define EEBODY512(more, noI) \
	VMOVUPD (DI)(R13*1), Z7; \
	VMOVUPD (R8)(R13*1), Z11; \
	VCMPPD $0, Z14, Z11, K1; \
	VPXORQ Z0, Z0, Z0; \
	CMPQ 136(R14), $0; \
	JNE  noI; \
	VMOVUPD (R9)(R13*1), Z0; \
noI: \
	VPXORQ Z3, Z3, Z3; \
	DECAY512(BX, 64, 96, 128); \
	DECAY512(R12, 72, 104, 136); \
	CMPQ 128(R14), $2; \
	JLE  more; \
	MOVQ 112(R14), R11; \
	DECAY512(R11, 80, 112, 144); \
	CMPQ 128(R14), $3; \
	JLE  more; \
	MOVQ 120(R14), R11; \
	DECAY512(R11, 88, 120, 152); \
more: \
	VMULPD Z12, Z0, Z0; \
	VADDPD Z0, Z16, Z0; \
	VMULPD Z12, Z3, Z3; \
	VSUBPD Z3, Z17, Z9; \
	VMOVAPD.Z Z0, K1, Z0; \
	VMOVAPD.Z Z9, K1, Z9; \
	VMULPD Z7, Z9, Z8; \
	VADDPD Z0, Z8, Z8; \
	VMULPD Z13, Z9, Z0; \
	VMULPD Z24, Z0, Z3; \
	VADDPD Z25, Z3, Z3; \
	VSUBPD Z25, Z3, Z4; \
	VPADDQ Z26, Z3, Z1; \
	VPSLLQ $52, Z1, Z1; \
	VMOVAPD Z0, Z5; \
	VFNMADD231PD Z27, Z4, Z5; \
	VFNMADD231PD Z28, Z4, Z5; \
	VBROADCASTSD FXC13, Z6; \
	VFMADD213PD.BCST FXC12, Z5, Z6; \
	VFMADD213PD.BCST FXC11, Z5, Z6; \
	VFMADD213PD.BCST FXC10, Z5, Z6; \
	VFMADD213PD.BCST FXC9, Z5, Z6; \
	VFMADD213PD.BCST FXC8, Z5, Z6; \
	VFMADD213PD.BCST FXC7, Z5, Z6; \
	VFMADD213PD.BCST FXC6, Z5, Z6; \
	VFMADD213PD.BCST FXC5, Z5, Z6; \
	VFMADD213PD.BCST FXC4, Z5, Z6; \
	VFMADD213PD.BCST FXC3, Z5, Z6; \
	VFMADD213PD.BCST FXC2, Z5, Z6; \
	VMULPD Z5, Z5, Z3; \
	VFMADD213PD Z5, Z3, Z6; \
	VSUBPD Z29, Z1, Z3; \
	VFMADD231PD Z6, Z1, Z3; \
	VCMPPD.BCST $0x1e, FXHIX, Z0, K2; \
	VBROADCASTSD FXINF, Z4; \
	VMOVAPD Z4, K2, Z3; \
	VCMPPD.BCST $0x11, FXLOX, Z0, K2; \
	VBROADCASTSD FXMONE, Z4; \
	VMOVAPD Z4, K2, Z3; \
	VCMPPD $3, Z0, Z0, K2; \
	VMOVAPD Z0, K2, Z3; \
	VMULPD Z3, Z8, Z2; \
	VDIVPD Z9, Z2, Z2; \
	VCMPPD $0, Z30, Z0, K2; \
	VMULPD Z13, Z8, K2, Z2; \
	VADDPD Z2, Z7, Z2; \
	VCMPPD $0x11, Z15, Z2, K1, K3; \
	VCMPPD $0x1e, Z18, Z11, K4; \
	KORW K3, K4, K3; \
	KANDNW K7, K1, K4; \
	VMOVAPD Z19, K4, Z2; \
	VMOVUPD Z2, (DI)(R13*1); \
	KMOVW K3, R11; \
	CMPQ R11, $0xff

// In words, as EEBODY's, with fastexp's CORE written out (s = 2^k in
// Z1, q in Z6) and its fix-ups by merge-masking: x > hiX gives +Inf,
// x < loX -1, a NaN x itself; where x = 0 the increment is f dt.

// EECONSTS512 broadcasts the constants every eight-lane kernel keeps in
// registers (EEBODY512) and sets K7 from eeStep (DX).
#define EECONSTS512 \
	VBROADCASTSD 24(DX), Z13; \
	VBROADCASTSD 40(DX), Z18; \
	VBROADCASTSD ninf<>(SB), Z14; \
	VBROADCASTSD FXLOG2E, Z24; \
	VBROADCASTSD FXMAGIC, Z25; \
	VPBROADCASTQ FXBIAS, Z26; \
	VBROADCASTSD FXLN2HI, Z27; \
	VBROADCASTSD FXLN2LO, Z28; \
	VBROADCASTSD FXONE, Z29; \
	VPXORQ Z30, Z30, Z30; \
	MOVQ 56(DX), R11; \
	ANDQ $0xff, R11; \
	KMOVW R11, K7

// EELEFT512 stores the eight lanes' V at t (Z7) into prev and lists the
// groups of four of them with lanes left (R11 after EEBODY512, inverted
// here), as EELEFT does; R13
// is shifted and restored (a multiple of 64) rather than copied. Ends
// at the label next.
#define EELEFT512(high, next) \
	VMOVUPD Z7, (SI)(R13*1); \
	XORQ $0xff, R11; \
	MOVL R11, (R10)(AX*4); \
	ANDL $15, (R10)(AX*4); \
	JZ   high; \
	SHRQ $1, R13; \
	ORL  R13, (R10)(AX*4); \
	SHLQ $1, R13; \
	INCQ AX; \
high: \
	SHRQ $4, R11; \
	JZ   next; \
	SHRQ $1, R13; \
	ADDQ $16, R13; \
	ORQ  R13, R11; \
	SUBQ $16, R13; \
	SHLQ $1, R13; \
	MOVL R11, (R10)(AX*4); \
	INCQ AX

// func expEulerAVX512(a *eeArgs) int
TEXT ·expEulerAVX512(SB), NOSPLIT, $0-16
	EEARGS
	EECONSTS512
	VBROADCASTSD 0(DX), Z16   // a0
	VBROADCASTSD 8(DX), Z17   // nb
	VBROADCASTSD 16(DX), Z12  // invC
	VBROADCASTSD 32(DX), Z15  // vTh
	VBROADCASTSD 48(DX), Z19  // vReset
	CMPQ R13, CX
	JGE  e5Done
e5Loop:
	EEBODY512(e5More, e5NoI)
	JNE  e5Left
e5Next:
	ADDQ $64, R13
	CMPQ R13, CX
	JLT  e5Loop
e5Done:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
e5Left:
	EELEFT512(e5High, e5Next)
	JMP  e5Next

// func expEulerPNAVX512(a *eeArgs) int
//
// expEulerAVX512 for neurons that differ: a0, nb, invC, vTh and vReset
// eight at a time from the arrays in eeArgs.
TEXT ·expEulerPNAVX512(SB), NOSPLIT, $0-16
	EEARGS
	EECONSTS512
	CMPQ R13, CX
	JGE  p5Done
p5Loop:
	MOVQ 72(R14), R11
	VMOVUPD (R11)(R13*1), Z16 // a0
	MOVQ 80(R14), R11
	VMOVUPD (R11)(R13*1), Z17 // nb
	MOVQ 88(R14), R11
	VMOVUPD (R11)(R13*1), Z12 // invC
	MOVQ 96(R14), R11
	VMOVUPD (R11)(R13*1), Z15 // vTh
	MOVQ 104(R14), R11
	VMOVUPD (R11)(R13*1), Z19 // vReset
	EEBODY512(p5More, p5NoI)
	JNE  p5Left
p5Next:
	ADDQ $64, R13
	CMPQ R13, CX
	JLT  p5Loop
p5Done:
	VZEROUPPER
	MOVQ AX, ret+8(FP)
	RET
p5Left:
	EELEFT512(p5High, p5Next)
	JMP  p5Next

// AVX kernel of the Traub-Miles population's LinearGates (vector.go): the
// arithmetic of tmGatesOne and tmRatesFrom, operation for operation.
// tmLinArgs's layout: pointers v 0, m 8, h 16, n 24, (unused 32, 40), eE 48,
// eH 56, aV 64, bV 72, aM 80, bM 88, aH 96, bH 104, aN 112, bN 120;
// count 128; vT 136, gNa 144, gK 152, gL 160, eNa 168, eK 176,
// gLeL 184, invC 192, exp6 200, exp075 208, exp1 216.

#include "textflag.h"

DATA c13<>+0(SB)/8, $0x402a000000000000
DATA c13<>+8(SB)/8, $0x402a000000000000
DATA c13<>+16(SB)/8, $0x402a000000000000
DATA c13<>+24(SB)/8, $0x402a000000000000
GLOBL c13<>(SB), RODATA|NOPTR, $32
DATA c025<>+0(SB)/8, $0x3fd0000000000000
DATA c025<>+8(SB)/8, $0x3fd0000000000000
DATA c025<>+16(SB)/8, $0x3fd0000000000000
DATA c025<>+24(SB)/8, $0x3fd0000000000000
GLOBL c025<>(SB), RODATA|NOPTR, $32
DATA c40<>+0(SB)/8, $0x4044000000000000
DATA c40<>+8(SB)/8, $0x4044000000000000
DATA c40<>+16(SB)/8, $0x4044000000000000
DATA c40<>+24(SB)/8, $0x4044000000000000
GLOBL c40<>(SB), RODATA|NOPTR, $32
DATA c02<>+0(SB)/8, $0x3fc999999999999a
DATA c02<>+8(SB)/8, $0x3fc999999999999a
DATA c02<>+16(SB)/8, $0x3fc999999999999a
DATA c02<>+24(SB)/8, $0x3fc999999999999a
GLOBL c02<>(SB), RODATA|NOPTR, $32
DATA c15<>+0(SB)/8, $0x402e000000000000
DATA c15<>+8(SB)/8, $0x402e000000000000
DATA c15<>+16(SB)/8, $0x402e000000000000
DATA c15<>+24(SB)/8, $0x402e000000000000
GLOBL c15<>(SB), RODATA|NOPTR, $32
DATA one<>+0(SB)/8, $0x3ff0000000000000
DATA one<>+8(SB)/8, $0x3ff0000000000000
DATA one<>+16(SB)/8, $0x3ff0000000000000
DATA one<>+24(SB)/8, $0x3ff0000000000000
GLOBL one<>(SB), RODATA|NOPTR, $32
DATA half<>+0(SB)/8, $0x3fe0000000000000
DATA half<>+8(SB)/8, $0x3fe0000000000000
DATA half<>+16(SB)/8, $0x3fe0000000000000
DATA half<>+24(SB)/8, $0x3fe0000000000000
GLOBL half<>(SB), RODATA|NOPTR, $32
DATA twelve<>+0(SB)/8, $0x4028000000000000
DATA twelve<>+8(SB)/8, $0x4028000000000000
DATA twelve<>+16(SB)/8, $0x4028000000000000
DATA twelve<>+24(SB)/8, $0x4028000000000000
GLOBL twelve<>(SB), RODATA|NOPTR, $32
DATA small<>+0(SB)/8, $0x3f1a36e2eb1c432d
DATA small<>+8(SB)/8, $0x3f1a36e2eb1c432d
DATA small<>+16(SB)/8, $0x3f1a36e2eb1c432d
DATA small<>+24(SB)/8, $0x3f1a36e2eb1c432d
GLOBL small<>(SB), RODATA|NOPTR, $32
DATA k128<>+0(SB)/8, $0x3ff47ae147ae147b
DATA k128<>+8(SB)/8, $0x3ff47ae147ae147b
DATA k128<>+16(SB)/8, $0x3ff47ae147ae147b
DATA k128<>+24(SB)/8, $0x3ff47ae147ae147b
GLOBL k128<>(SB), RODATA|NOPTR, $32
DATA k14<>+0(SB)/8, $0x3ff6666666666666
DATA k14<>+8(SB)/8, $0x3ff6666666666666
DATA k14<>+16(SB)/8, $0x3ff6666666666666
DATA k14<>+24(SB)/8, $0x3ff6666666666666
GLOBL k14<>(SB), RODATA|NOPTR, $32
DATA k0128<>+0(SB)/8, $0x3fc0624dd2f1a9fc
DATA k0128<>+8(SB)/8, $0x3fc0624dd2f1a9fc
DATA k0128<>+16(SB)/8, $0x3fc0624dd2f1a9fc
DATA k0128<>+24(SB)/8, $0x3fc0624dd2f1a9fc
GLOBL k0128<>(SB), RODATA|NOPTR, $32
DATA four<>+0(SB)/8, $0x4010000000000000
DATA four<>+8(SB)/8, $0x4010000000000000
DATA four<>+16(SB)/8, $0x4010000000000000
DATA four<>+24(SB)/8, $0x4010000000000000
GLOBL four<>(SB), RODATA|NOPTR, $32
DATA k016<>+0(SB)/8, $0x3fc47ae147ae147b
DATA k016<>+8(SB)/8, $0x3fc47ae147ae147b
DATA k016<>+16(SB)/8, $0x3fc47ae147ae147b
DATA k016<>+24(SB)/8, $0x3fc47ae147ae147b
GLOBL k016<>(SB), RODATA|NOPTR, $32
DATA absmask<>+0(SB)/8, $0x7fffffffffffffff
DATA absmask<>+8(SB)/8, $0x7fffffffffffffff
DATA absmask<>+16(SB)/8, $0x7fffffffffffffff
DATA absmask<>+24(SB)/8, $0x7fffffffffffffff
GLOBL absmask<>(SB), RODATA|NOPTR, $32
DATA sign<>+0(SB)/8, $0x8000000000000000
DATA sign<>+8(SB)/8, $0x8000000000000000
DATA sign<>+16(SB)/8, $0x8000000000000000
DATA sign<>+24(SB)/8, $0x8000000000000000
GLOBL sign<>(SB), RODATA|NOPTR, $32

#define LD(off, reg) MOVQ off(DX), R9; VMOVUPD (R9)(BX*8), reg
#define ST(reg, off) MOVQ off(DX), R9; VMOVUPD reg, (R9)(BX*8)

// func tmGatesAVX(args *tmLinArgs)
TEXT ·tmGatesAVX(SB), NOSPLIT, $0-8
	MOVQ args+0(FP), DX
	MOVQ 128(DX), CX
	XORQ BX, BX
loop:
	CMPQ BX, CX
	JGE  done
	LD(0, Y0)                         // v
	VBROADCASTSD 136(DX), Y15
	VSUBPD Y15, Y0, Y0                // u = v - vT
	LD(48, Y1)                        // e1 = exp((10 - u)/40)
	VMULPD Y1, Y1, Y2                 // e2
	VMULPD Y2, Y2, Y3                 // e4
	VMULPD Y3, Y3, Y3                 // e8
	VBROADCASTSD 200(DX), Y15
	VMULPD Y15, Y3, Y4                // e40u = e8 exp6
	// alpha_m = 1.28 x1/(e^x1 - 1), x1 = (13 - u)/4, e^x1 = e8 e2 e^0.75
	VMOVUPD c13<>(SB), Y5
	VSUBPD Y0, Y5, Y5
	VMULPD c025<>(SB), Y5, Y5         // x1
	VMULPD Y2, Y3, Y6                 // e8 e2
	VBROADCASTSD 208(DX), Y15
	VMULPD Y15, Y6, Y6                // e^x1
	VSUBPD one<>(SB), Y6, Y6
	VDIVPD Y6, Y5, Y6                 // x1/(e^x1 - 1)
	VANDPD absmask<>(SB), Y5, Y13
	VCMPPD $0x11, small<>(SB), Y13, Y13 // |x| < 1e-4: the series
	VMOVMSKPD Y13, R10
	TESTQ R10, R10
	JZ   amDone
	VMULPD half<>(SB), Y5, Y14       // x/2
	VMOVUPD one<>(SB), Y15
	VSUBPD Y14, Y15, Y15              // 1 - x/2
	VMULPD Y5, Y5, Y14              // x x
	VDIVPD twelve<>(SB), Y14, Y14     // x x/12
	VADDPD Y14, Y15, Y15
	VBLENDVPD Y13, Y15, Y6, Y6
amDone:
	VMULPD k128<>(SB), Y6, Y6         // am
	// beta_m = 1.4 x2/(e^x2 - 1), x2 = (u - 40)/5, e^x2 = 1/e40u
	VSUBPD c40<>(SB), Y0, Y7
	VMULPD c02<>(SB), Y7, Y7          // x2
	VMOVUPD one<>(SB), Y8
	VDIVPD Y4, Y8, Y8                 // 1/e40u
	VSUBPD one<>(SB), Y8, Y8
	VDIVPD Y8, Y7, Y8                 // x2/(e^x2 - 1)
	VANDPD absmask<>(SB), Y7, Y13
	VCMPPD $0x11, small<>(SB), Y13, Y13 // |x| < 1e-4: the series
	VMOVMSKPD Y13, R10
	TESTQ R10, R10
	JZ   bmDone
	VMULPD half<>(SB), Y7, Y14       // x/2
	VMOVUPD one<>(SB), Y15
	VSUBPD Y14, Y15, Y15              // 1 - x/2
	VMULPD Y7, Y7, Y14              // x x
	VDIVPD twelve<>(SB), Y14, Y14     // x x/12
	VADDPD Y14, Y15, Y15
	VBLENDVPD Y13, Y15, Y8, Y8
bmDone:
	VMULPD k14<>(SB), Y8, Y8          // bm
	// beta_h = 4/(1 + e40u)
	VADDPD one<>(SB), Y4, Y9
	VMOVUPD four<>(SB), Y10
	VDIVPD Y9, Y10, Y9                // bh
	// alpha_n = 0.16 x3/(e^x3 - 1), x3 = (15 - u)/5, e^x3 = e8 e
	VMOVUPD c15<>(SB), Y10
	VSUBPD Y0, Y10, Y10
	VMULPD c02<>(SB), Y10, Y10        // x3
	VBROADCASTSD 216(DX), Y15
	VMULPD Y15, Y3, Y11               // e^x3
	VSUBPD one<>(SB), Y11, Y11
	VDIVPD Y11, Y10, Y11              // x3/(e^x3 - 1)
	VANDPD absmask<>(SB), Y10, Y13
	VCMPPD $0x11, small<>(SB), Y13, Y13 // |x| < 1e-4: the series
	VMOVMSKPD Y13, R10
	TESTQ R10, R10
	JZ   anDone
	VMULPD half<>(SB), Y10, Y14       // x/2
	VMOVUPD one<>(SB), Y15
	VSUBPD Y14, Y15, Y15              // 1 - x/2
	VMULPD Y10, Y10, Y14              // x x
	VDIVPD twelve<>(SB), Y14, Y14     // x x/12
	VADDPD Y14, Y15, Y15
	VBLENDVPD Y13, Y15, Y11, Y11
anDone:
	VMULPD k016<>(SB), Y11, Y11       // an
	LD(56, Y12)                       // eh = exp((17 - u)/18)
	VMULPD k0128<>(SB), Y12, Y12      // ah
	VMULPD half<>(SB), Y1, Y1         // bn = e1/2
	// The gates: a = alpha, b = -(alpha + beta).
	ST(Y6, 80)
	VADDPD Y8, Y6, Y8
	VXORPD sign<>(SB), Y8, Y8
	ST(Y8, 88)
	ST(Y12, 96)
	VADDPD Y9, Y12, Y9
	VXORPD sign<>(SB), Y9, Y9
	ST(Y9, 104)
	ST(Y11, 112)
	VADDPD Y1, Y11, Y1
	VXORPD sign<>(SB), Y1, Y1
	ST(Y1, 120)
	// The membrane: gNa m^3 h, gK n^4, then the input-free parts of V's
	// a and b (sA into aV, sB into bV).
	LD(8, Y2)                         // m
	LD(16, Y3)                        // h
	LD(24, Y4)                        // n
	VBROADCASTSD 144(DX), Y5
	VMULPD Y2, Y5, Y5
	VMULPD Y2, Y5, Y5
	VMULPD Y2, Y5, Y5
	VMULPD Y3, Y5, Y5                 // gNa m m m h
	VMULPD Y4, Y4, Y4                 // n2
	VBROADCASTSD 152(DX), Y6
	VMULPD Y4, Y6, Y6
	VMULPD Y4, Y6, Y6                 // gK n2 n2
	VBROADCASTSD 168(DX), Y8
	VMULPD Y8, Y5, Y7                 // gNa eNa
	VBROADCASTSD 176(DX), Y8
	VMULPD Y8, Y6, Y8                 // gK eK
	VADDPD Y8, Y7, Y7
	VBROADCASTSD 184(DX), Y8
	VADDPD Y8, Y7, Y7                 // + gL eL: sA
	ST(Y7, 64)
	VADDPD Y6, Y5, Y7                 // gNa + gK
	VBROADCASTSD 160(DX), Y8
	VADDPD Y8, Y7, Y7                 // + gL: sB
	ST(Y7, 72)
	ADDQ $4, BX
	JMP  loop
done:
	VZEROUPPER
	RET

// AVX2 and FMA kernel of StepExpEuler (expeuler.go): the arithmetic of
// expEulerOne, operation for operation. Its exponential is fastexp's
// (integrate/fastexp/vector_amd64.s): the same constants and the same
// instructions, with the constants read from memory rather than kept in
// registers, so the same bits as fastexp.ExpEuler
// (TestExpEulerStepMatchesPasses). eeArgs' layout: y 0, prev 8,
// refEnd 16, i 24, g0 32, g1 40, n 48, c 56, bad 64; eeStep's: a0 0,
// nb 8, invC 16, dt 24, vTh 32, ends 40, vReset 48, reset 56, e 64 72,
// cm 80 88, em 96 104.

#include "textflag.h"

// fastexp's constants, four copies each (one per lane).
DATA log2e<>+0(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+8(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+16(SB)/8, $0x3ff71547652b82fe
DATA log2e<>+24(SB)/8, $0x3ff71547652b82fe
GLOBL log2e<>(SB), RODATA|NOPTR, $32
DATA magic<>+0(SB)/8, $0x4338000000000000
DATA magic<>+8(SB)/8, $0x4338000000000000
DATA magic<>+16(SB)/8, $0x4338000000000000
DATA magic<>+24(SB)/8, $0x4338000000000000
GLOBL magic<>(SB), RODATA|NOPTR, $32
DATA ln2hi<>+0(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+8(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+16(SB)/8, $0x3fe62e42fee00000
DATA ln2hi<>+24(SB)/8, $0x3fe62e42fee00000
GLOBL ln2hi<>(SB), RODATA|NOPTR, $32
DATA ln2lo<>+0(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+8(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+16(SB)/8, $0x3dea39ef35793c76
DATA ln2lo<>+24(SB)/8, $0x3dea39ef35793c76
GLOBL ln2lo<>(SB), RODATA|NOPTR, $32
DATA hix<>+0(SB)/8, $0x4086280000000000
DATA hix<>+8(SB)/8, $0x4086280000000000
DATA hix<>+16(SB)/8, $0x4086280000000000
DATA hix<>+24(SB)/8, $0x4086280000000000
GLOBL hix<>(SB), RODATA|NOPTR, $32
DATA lox<>+0(SB)/8, $0xc086200000000000
DATA lox<>+8(SB)/8, $0xc086200000000000
DATA lox<>+16(SB)/8, $0xc086200000000000
DATA lox<>+24(SB)/8, $0xc086200000000000
GLOBL lox<>(SB), RODATA|NOPTR, $32
DATA one<>+0(SB)/8, $0x3ff0000000000000
DATA one<>+8(SB)/8, $0x3ff0000000000000
DATA one<>+16(SB)/8, $0x3ff0000000000000
DATA one<>+24(SB)/8, $0x3ff0000000000000
GLOBL one<>(SB), RODATA|NOPTR, $32
DATA inf<>+0(SB)/8, $0x7ff0000000000000
DATA inf<>+8(SB)/8, $0x7ff0000000000000
DATA inf<>+16(SB)/8, $0x7ff0000000000000
DATA inf<>+24(SB)/8, $0x7ff0000000000000
GLOBL inf<>(SB), RODATA|NOPTR, $32
DATA mone<>+0(SB)/8, $0xbff0000000000000
DATA mone<>+8(SB)/8, $0xbff0000000000000
DATA mone<>+16(SB)/8, $0xbff0000000000000
DATA mone<>+24(SB)/8, $0xbff0000000000000
GLOBL mone<>(SB), RODATA|NOPTR, $32
DATA zero<>+0(SB)/8, $0x0000000000000000
DATA zero<>+8(SB)/8, $0x0000000000000000
DATA zero<>+16(SB)/8, $0x0000000000000000
DATA zero<>+24(SB)/8, $0x0000000000000000
GLOBL zero<>(SB), RODATA|NOPTR, $32
DATA c2<>+0(SB)/8, $0x3fe0000000000000
DATA c2<>+8(SB)/8, $0x3fe0000000000000
DATA c2<>+16(SB)/8, $0x3fe0000000000000
DATA c2<>+24(SB)/8, $0x3fe0000000000000
GLOBL c2<>(SB), RODATA|NOPTR, $32
DATA c3<>+0(SB)/8, $0x3fc5555555555555
DATA c3<>+8(SB)/8, $0x3fc5555555555555
DATA c3<>+16(SB)/8, $0x3fc5555555555555
DATA c3<>+24(SB)/8, $0x3fc5555555555555
GLOBL c3<>(SB), RODATA|NOPTR, $32
DATA c4<>+0(SB)/8, $0x3fa5555555555555
DATA c4<>+8(SB)/8, $0x3fa5555555555555
DATA c4<>+16(SB)/8, $0x3fa5555555555555
DATA c4<>+24(SB)/8, $0x3fa5555555555555
GLOBL c4<>(SB), RODATA|NOPTR, $32
DATA c5<>+0(SB)/8, $0x3f81111111111111
DATA c5<>+8(SB)/8, $0x3f81111111111111
DATA c5<>+16(SB)/8, $0x3f81111111111111
DATA c5<>+24(SB)/8, $0x3f81111111111111
GLOBL c5<>(SB), RODATA|NOPTR, $32
DATA c6<>+0(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+8(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+16(SB)/8, $0x3f56c16c16c16c17
DATA c6<>+24(SB)/8, $0x3f56c16c16c16c17
GLOBL c6<>(SB), RODATA|NOPTR, $32
DATA c7<>+0(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+8(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+16(SB)/8, $0x3f2a01a01a01a01a
DATA c7<>+24(SB)/8, $0x3f2a01a01a01a01a
GLOBL c7<>(SB), RODATA|NOPTR, $32
DATA c8<>+0(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+8(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+16(SB)/8, $0x3efa01a01a01a01a
DATA c8<>+24(SB)/8, $0x3efa01a01a01a01a
GLOBL c8<>(SB), RODATA|NOPTR, $32
DATA c9<>+0(SB)/8, $0x3ec71de3a556c734
DATA c9<>+8(SB)/8, $0x3ec71de3a556c734
DATA c9<>+16(SB)/8, $0x3ec71de3a556c734
DATA c9<>+24(SB)/8, $0x3ec71de3a556c734
GLOBL c9<>(SB), RODATA|NOPTR, $32
DATA c10<>+0(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+8(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+16(SB)/8, $0x3e927e4fb7789f5c
DATA c10<>+24(SB)/8, $0x3e927e4fb7789f5c
GLOBL c10<>(SB), RODATA|NOPTR, $32
DATA c11<>+0(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+8(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+16(SB)/8, $0x3e5ae64567f544e4
DATA c11<>+24(SB)/8, $0x3e5ae64567f544e4
GLOBL c11<>(SB), RODATA|NOPTR, $32
DATA c12<>+0(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+8(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+16(SB)/8, $0x3e21eed8eff8d898
DATA c12<>+24(SB)/8, $0x3e21eed8eff8d898
GLOBL c12<>(SB), RODATA|NOPTR, $32
DATA c13<>+0(SB)/8, $0x3de6124613a86d09
DATA c13<>+8(SB)/8, $0x3de6124613a86d09
DATA c13<>+16(SB)/8, $0x3de6124613a86d09
DATA c13<>+24(SB)/8, $0x3de6124613a86d09
GLOBL c13<>(SB), RODATA|NOPTR, $32
DATA bias<>+0(SB)/8, $1023
DATA bias<>+8(SB)/8, $1023
DATA bias<>+16(SB)/8, $1023
DATA bias<>+24(SB)/8, $1023
GLOBL bias<>(SB), RODATA|NOPTR, $32

DATA ninf<>+0(SB)/8, $0xfff0000000000000
DATA ninf<>+8(SB)/8, $0xfff0000000000000
DATA ninf<>+16(SB)/8, $0xfff0000000000000
DATA ninf<>+24(SB)/8, $0xfff0000000000000
GLOBL ninf<>(SB), RODATA|NOPTR, $32

// ECORE: fastexp's CORE with its constants as memory operands: x in Y0
// -> s = 2^k in Y1, q = expm1(r) in Y2; clobbers Y3-Y6.
#define ECORE \
	VMULPD log2e<>(SB), Y0, Y3; \
	VADDPD magic<>(SB), Y3, Y3; \
	VSUBPD magic<>(SB), Y3, Y4; \
	VPADDQ bias<>(SB), Y3, Y1; \
	VPSLLQ $52, Y1, Y1; \
	VMOVAPD Y0, Y5; \
	VFNMADD231PD ln2hi<>(SB), Y4, Y5; \
	VFNMADD231PD ln2lo<>(SB), Y4, Y5; \
	VMOVUPD c13<>(SB), Y6; \
	VFMADD213PD c12<>(SB), Y5, Y6; \
	VFMADD213PD c11<>(SB), Y5, Y6; \
	VFMADD213PD c10<>(SB), Y5, Y6; \
	VFMADD213PD c9<>(SB), Y5, Y6; \
	VFMADD213PD c8<>(SB), Y5, Y6; \
	VFMADD213PD c7<>(SB), Y5, Y6; \
	VFMADD213PD c6<>(SB), Y5, Y6; \
	VFMADD213PD c5<>(SB), Y5, Y6; \
	VFMADD213PD c4<>(SB), Y5, Y6; \
	VFMADD213PD c3<>(SB), Y5, Y6; \
	VFMADD213PD c2<>(SB), Y5, Y6; \
	VMULPD Y5, Y5, Y3; \
	VFMADD213PD Y5, Y3, Y6; \
	VMOVAPD Y6, Y2

// EFIXUP(r, low): fastexp's FIXUP with hiX and loX from memory: for x
// (Y0) > hiX, r = +Inf; x < loX, r = low; x NaN, r = x. Clobbers Y4.
#define EFIXUP(r, low) \
	VCMPPD $0x1e, hix<>(SB), Y0, Y4; \
	VBLENDVPD Y4, inf<>(SB), r, r; \
	VCMPPD $0x11, lox<>(SB), Y0, Y4; \
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

// func expEulerAVX(a *eeArgs) int
TEXT ·expEulerAVX(SB), NOSPLIT, $0-16
	MOVQ a+0(FP), DX
	MOVQ 0(DX), DI            // y
	MOVQ 8(DX), SI            // prev
	MOVQ 16(DX), R8           // refEnd
	MOVQ 24(DX), R9           // i
	MOVQ 32(DX), BX           // g0
	MOVQ 40(DX), R12          // g1
	MOVQ 48(DX), CX           // n
	MOVQ 64(DX), R10          // bad
	MOVQ 56(DX), DX           // c
	VBROADCASTSD 16(DX), Y12  // invC
	VBROADCASTSD 24(DX), Y13  // dt
	VMOVUPD ninf<>(SB), Y14   // notRefractory
	VBROADCASTSD 32(DX), Y15  // vTh
	XORQ AX, AX               // groups left to the caller
	XORQ R13, R13             // byte offset of the group
	SHLQ $3, CX               // n, in bytes
	CMPQ R13, CX
	JGE  eeDone
eeLoop:
	VMOVUPD (DI)(R13*1), Y7   // V
	VMOVUPD Y7, (SI)(R13*1)   // prev = V
	VMOVUPD (R8)(R13*1), Y11  // refEnd
	VCMPPD $0, Y14, Y11, Y10  // free: refEnd == notRefractory
	VMOVUPD (R9)(R13*1), Y0   // A = I
	VXORPD Y3, Y3, Y3         // B = 0
	DECAY(BX, 64, 80, 96)
	DECAY(R12, 72, 88, 104)
	VMULPD Y12, Y0, Y0        // A invC
	VBROADCASTSD 0(DX), Y2
	VADDPD Y0, Y2, Y0         // a = a0 + A invC
	VMULPD Y12, Y3, Y3        // B invC
	VBROADCASTSD 8(DX), Y2
	VSUBPD Y3, Y2, Y9         // b = nb - B invC
	VANDPD Y10, Y0, Y0        // a = b = 0 where refractory
	VANDPD Y10, Y9, Y9
	VMULPD Y7, Y9, Y8         // b V
	VADDPD Y0, Y8, Y8         // f = a + b V
	VMULPD Y13, Y9, Y0        // x = b dt
	ECORE
	VSUBPD one<>(SB), Y1, Y3  // s - 1
	VFMADD231PD Y2, Y1, Y3    // expm1(x) = s q + (s - 1)
	EFIXUP(Y3, mone<>(SB))
	VMULPD Y3, Y8, Y2         // f expm1(x)
	VDIVPD Y9, Y2, Y2         // f expm1(x) / b
	VMULPD Y13, Y8, Y1        // f dt
	VCMPPD $0, zero<>(SB), Y0, Y4
	VBLENDVPD Y4, Y1, Y2, Y2  // x == 0: f dt
	VADDPD Y2, Y7, Y2         // V' = V + the increment
	VCMPPD $0x11, Y15, Y2, Y4 // V' < vTh
	VANDPD Y10, Y4, Y4        // done: free and below threshold,
	VBROADCASTSD 40(DX), Y5
	VCMPPD $0x1e, Y5, Y11, Y5 // or refractory past this step (refEnd > ends)
	VORPD Y5, Y4, Y4
	VBROADCASTSD 56(DX), Y5
	VANDNPD Y5, Y10, Y5       // refractory, and reset
	VBROADCASTSD 48(DX), Y6
	VBLENDVPD Y5, Y6, Y2, Y2  // V' = vReset there
	VMOVUPD Y2, (DI)(R13*1)
	VMOVMSKPD Y4, R11
	CMPQ R11, $15
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
	XORQ $15, R11             // the lanes left
	MOVL R11, (R10)(AX*4)
	MOVQ R13, R11
	SHRQ $1, R11              // group index << 4: the offset is 32 bytes a group
	ORL  R11, (R10)(AX*4)
	INCQ AX
	JMP  eeNext

// func expEulerAVX512(a *eeArgs) int
//
// expEulerAVX eight neurons at a time (n a multiple of 8), the lane
// masks in opmask registers: the same operations, the blends done by
// merge-masking; B += G only on the lanes of a conductance (K5, K6),
// where expEulerAVX adds +0 for a current (the same sums). It lists
// groups of four, as expEulerAVX does.
TEXT ·expEulerAVX512(SB), NOSPLIT, $0-16
	MOVQ a+0(FP), DX
	MOVQ 0(DX), DI            // y
	MOVQ 8(DX), SI            // prev
	MOVQ 16(DX), R8           // refEnd
	MOVQ 24(DX), R9           // i
	MOVQ 32(DX), BX           // g0
	MOVQ 40(DX), R12          // g1
	MOVQ 48(DX), CX           // n
	MOVQ 64(DX), R10          // bad
	MOVQ 56(DX), DX           // c
	VBROADCASTSD 0(DX), Z16   // a0
	VBROADCASTSD 8(DX), Z17   // nb
	VBROADCASTSD 16(DX), Z12  // invC
	VBROADCASTSD 24(DX), Z13  // dt
	VBROADCASTSD 32(DX), Z15  // vTh
	VBROADCASTSD 40(DX), Z18  // ends
	VBROADCASTSD 48(DX), Z19  // vReset
	VBROADCASTSD 64(DX), Z20  // e0
	VBROADCASTSD 72(DX), Z21  // e1
	VBROADCASTSD 96(DX), Z22  // em0
	VBROADCASTSD 104(DX), Z23 // em1
	VBROADCASTSD ninf<>(SB), Z14
	VBROADCASTSD log2e<>(SB), Z24
	VBROADCASTSD magic<>(SB), Z25
	VPBROADCASTQ bias<>(SB), Z26
	VBROADCASTSD ln2hi<>(SB), Z27
	VBROADCASTSD ln2lo<>(SB), Z28
	VBROADCASTSD one<>(SB), Z29
	VPXORQ Z30, Z30, Z30      // 0
	MOVQ 56(DX), R11          // reset: all ones, or 0 with refractory_input = 1
	ANDQ $0xff, R11
	KMOVW R11, K7
	MOVQ 80(DX), R11          // cm0: all ones for a conductance
	ANDQ $0xff, R11
	KMOVW R11, K5
	MOVQ 88(DX), R11          // cm1
	ANDQ $0xff, R11
	KMOVW R11, K6
	XORQ AX, AX               // groups of four left to the caller
	XORQ R13, R13             // byte offset of the group of eight
	SHLQ $3, CX               // n, in bytes
	CMPQ R13, CX
	JGE  e5Done
e5Loop:
	VMOVUPD (DI)(R13*1), Z7   // V
	VMOVUPD Z7, (SI)(R13*1)   // prev = V
	VMOVUPD (R8)(R13*1), Z11  // refEnd
	VCMPPD $0, Z14, Z11, K1   // free: refEnd == notRefractory
	VMOVUPD (R9)(R13*1), Z0   // A = I
	VPXORQ Z3, Z3, Z3         // B = 0
	VMOVUPD (BX)(R13*1), Z1   // input 0: A += g e, B += g (a conductance), g += g em
	VMULPD Z20, Z1, Z2
	VADDPD Z2, Z0, Z0
	VADDPD Z1, Z3, K5, Z3
	VMULPD Z22, Z1, Z2
	VADDPD Z2, Z1, Z1
	VMOVUPD Z1, (BX)(R13*1)
	VMOVUPD (R12)(R13*1), Z1  // input 1
	VMULPD Z21, Z1, Z2
	VADDPD Z2, Z0, Z0
	VADDPD Z1, Z3, K6, Z3
	VMULPD Z23, Z1, Z2
	VADDPD Z2, Z1, Z1
	VMOVUPD Z1, (R12)(R13*1)
	VMULPD Z12, Z0, Z0        // A invC
	VADDPD Z0, Z16, Z0        // a = a0 + A invC
	VMULPD Z12, Z3, Z3        // B invC
	VSUBPD Z3, Z17, Z9        // b = nb - B invC
	VMOVAPD.Z Z0, K1, Z0      // a = b = 0 where refractory
	VMOVAPD.Z Z9, K1, Z9
	VMULPD Z7, Z9, Z8         // b V
	VADDPD Z0, Z8, Z8         // f = a + b V
	VMULPD Z13, Z9, Z0        // x = b dt
	VMULPD Z24, Z0, Z3        // fastexp's CORE: s = 2^k in Z1, q in Z6
	VADDPD Z25, Z3, Z3
	VSUBPD Z25, Z3, Z4
	VPADDQ Z26, Z3, Z1
	VPSLLQ $52, Z1, Z1
	VMOVAPD Z0, Z5
	VFNMADD231PD Z27, Z4, Z5
	VFNMADD231PD Z28, Z4, Z5
	VBROADCASTSD c13<>(SB), Z6
	VFMADD213PD.BCST c12<>(SB), Z5, Z6
	VFMADD213PD.BCST c11<>(SB), Z5, Z6
	VFMADD213PD.BCST c10<>(SB), Z5, Z6
	VFMADD213PD.BCST c9<>(SB), Z5, Z6
	VFMADD213PD.BCST c8<>(SB), Z5, Z6
	VFMADD213PD.BCST c7<>(SB), Z5, Z6
	VFMADD213PD.BCST c6<>(SB), Z5, Z6
	VFMADD213PD.BCST c5<>(SB), Z5, Z6
	VFMADD213PD.BCST c4<>(SB), Z5, Z6
	VFMADD213PD.BCST c3<>(SB), Z5, Z6
	VFMADD213PD.BCST c2<>(SB), Z5, Z6
	VMULPD Z5, Z5, Z3
	VFMADD213PD Z5, Z3, Z6
	VSUBPD Z29, Z1, Z3        // s - 1
	VFMADD231PD Z6, Z1, Z3    // expm1(x) = s q + (s - 1)
	VCMPPD.BCST $0x1e, hix<>(SB), Z0, K2 // FIXUP: x > hiX: +Inf
	VBROADCASTSD inf<>(SB), Z4
	VMOVAPD Z4, K2, Z3
	VCMPPD.BCST $0x11, lox<>(SB), Z0, K2 // x < loX: -1
	VBROADCASTSD mone<>(SB), Z4
	VMOVAPD Z4, K2, Z3
	VCMPPD $3, Z0, Z0, K2     // x NaN: x
	VMOVAPD Z0, K2, Z3
	VMULPD Z3, Z8, Z2         // f expm1(x)
	VDIVPD Z9, Z2, Z2         // f expm1(x) / b
	VCMPPD $0, Z30, Z0, K2
	VMULPD Z13, Z8, K2, Z2    // x == 0: f dt
	VADDPD Z2, Z7, Z2         // V' = V + the increment
	VCMPPD $0x11, Z15, Z2, K1, K3 // done: free and V' < vTh,
	VCMPPD $0x1e, Z18, Z11, K4    // or refractory past this step (refEnd > ends)
	KORW K3, K4, K3
	KANDNW K7, K1, K4         // refractory, and reset:
	VMOVAPD Z19, K4, Z2       // V' = vReset there
	VMOVUPD Z2, (DI)(R13*1)
	KMOVW K3, R11
	CMPQ R11, $0xff
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
	XORQ $0xff, R11           // the lanes left
	MOVQ R13, R14
	SHRQ $1, R14              // index of the first group of four << 4 (32 bytes a group)
	MOVL R11, (R10)(AX*4)
	ANDL $15, (R10)(AX*4)
	JZ   e5High
	ORL  R14, (R10)(AX*4)
	INCQ AX
e5High:
	SHRQ $4, R11
	JZ   e5Next
	ADDQ $16, R14             // the second group of four
	ORQ  R14, R11
	MOVL R11, (R10)(AX*4)
	INCQ AX
	JMP  e5Next

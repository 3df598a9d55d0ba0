// AVX kernels of stepShared (see vector.go): the arithmetic of exp2One
// and free0One (vector.go), operation for operation, on the lanes that
// are free over the step or refractory over all of it. freeStep's
// layout: t 0, eL 8, vTh 16, em1 24, c0 32, q0 40, q1 48, d0 56, d1 64,
// tEnd 72, reset 80, vReset4 88..119.

#include "textflag.h"

// func exp2AVX(y, refEnd, i0, i1 *float64, n int, c *freeStep, bad *int32) int
TEXT ·exp2AVX(SB), NOSPLIT, $0-64
	MOVQ y+0(FP), DI
	MOVQ refEnd+8(FP), SI
	MOVQ i0+16(FP), R8
	MOVQ i1+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), DX
	MOVQ bad+48(FP), R10
	VBROADCASTSD 0(DX), Y8   // t
	VBROADCASTSD 8(DX), Y9   // eL
	VBROADCASTSD 16(DX), Y10 // vTh
	VBROADCASTSD 24(DX), Y11 // em1
	VBROADCASTSD 32(DX), Y12 // c0
	VBROADCASTSD 40(DX), Y13 // q0
	VBROADCASTSD 48(DX), Y14 // q1
	VBROADCASTSD 56(DX), Y15 // d0
	VBROADCASTSD 64(DX), Y7  // d1
	XORQ AX, AX              // groups left to the caller
	XORQ BX, BX              // group index
exp2Loop:
	CMPQ CX, $0
	JLE  exp2Done
	VMOVUPD (DI), Y0          // v
	VMOVUPD (SI), Y1          // refEnd
	VMOVUPD (R8), Y2          // a
	VMOVUPD (R9), Y3          // b
	VCMPPD $0x12, Y8, Y1, Y4  // refEnd <= t
	VCMPPD $0x11, Y10, Y0, Y5 // v < vTh
	VANDPD Y5, Y4, Y4
	VSUBPD Y9, Y0, Y5         // u = v - eL
	VMULPD Y11, Y5, Y6        // em1 u
	VADDPD Y12, Y6, Y6        // em1 u + c0
	VADDPD Y6, Y5, Y5         // u += em1 u + c0
	VMULPD Y13, Y2, Y6        // q0 a
	VADDPD Y6, Y5, Y5
	VMULPD Y14, Y3, Y6        // q1 b
	VADDPD Y6, Y5, Y5
	VADDPD Y5, Y9, Y5         // v1 = eL + u
	VCMPPD $0x11, Y10, Y5, Y6 // v1 < vTh
	VANDPD Y6, Y4, Y4         // free: integrated here
	VBROADCASTSD 72(DX), Y6   // tEnd
	VCMPPD $0x1d, Y6, Y1, Y6  // refEnd >= tEnd: refractory over the whole step
	VBROADCASTSD 80(DX), Y1   // reset: all ones, or 0 with refractory_input = 1
	VANDPD Y6, Y1, Y1         // the lanes set to vReset
	VORPD Y4, Y6, Y6          // done here: free or refractory
	VBLENDVPD Y1, 88(DX), Y0, Y0
	VBLENDVPD Y4, Y5, Y0, Y0
	VMOVUPD Y0, (DI)
	VMULPD Y15, Y2, Y5        // a d0
	VBLENDVPD Y6, Y5, Y2, Y2
	VMOVUPD Y2, (R8)
	VMULPD Y7, Y3, Y5         // b d1
	VBLENDVPD Y6, Y5, Y3, Y3
	VMOVUPD Y3, (R9)
	VMOVMSKPD Y6, R11
	CMPQ R11, $15
	JEQ  exp2Next
	XORQ $15, R11             // the lanes left
	MOVQ BX, R12
	SHLQ $4, R12
	ORQ  R11, R12
	MOVL R12, (R10)(AX*4)
	INCQ AX
exp2Next:
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, R9
	INCQ BX
	SUBQ $4, CX
	JMP  exp2Loop
exp2Done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// func free0AVX(y, refEnd *float64, n int, c *freeStep, bad *int32) int
TEXT ·free0AVX(SB), NOSPLIT, $0-48
	MOVQ y+0(FP), DI
	MOVQ refEnd+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ c+24(FP), DX
	MOVQ bad+32(FP), R10
	VBROADCASTSD 0(DX), Y8   // t
	VBROADCASTSD 8(DX), Y9   // eL
	VBROADCASTSD 16(DX), Y10 // vTh
	VBROADCASTSD 24(DX), Y11 // em1
	VBROADCASTSD 32(DX), Y12 // c0
	XORQ AX, AX
	XORQ BX, BX
free0Loop:
	CMPQ CX, $0
	JLE  free0Done
	VMOVUPD (DI), Y0
	VMOVUPD (SI), Y1
	VCMPPD $0x12, Y8, Y1, Y4
	VCMPPD $0x11, Y10, Y0, Y5
	VANDPD Y5, Y4, Y4
	VSUBPD Y9, Y0, Y5
	VMULPD Y11, Y5, Y6
	VADDPD Y12, Y6, Y6
	VADDPD Y6, Y5, Y5
	VADDPD Y5, Y9, Y5
	VCMPPD $0x11, Y10, Y5, Y6
	VANDPD Y6, Y4, Y4
	VBROADCASTSD 72(DX), Y6
	VCMPPD $0x1d, Y6, Y1, Y6
	VBROADCASTSD 80(DX), Y1
	VANDPD Y6, Y1, Y1
	VORPD Y4, Y6, Y6
	VBLENDVPD Y1, 88(DX), Y0, Y0
	VBLENDVPD Y4, Y5, Y0, Y0
	VMOVUPD Y0, (DI)
	VMOVMSKPD Y6, R11
	CMPQ R11, $15
	JEQ  free0Next
	XORQ $15, R11
	MOVQ BX, R12
	SHLQ $4, R12
	ORQ  R11, R12
	MOVL R12, (R10)(AX*4)
	INCQ AX
free0Next:
	ADDQ $32, DI
	ADDQ $32, SI
	INCQ BX
	SUBQ $4, CX
	JMP  free0Loop
free0Done:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET

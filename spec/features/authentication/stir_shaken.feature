@authentication
Feature: STIR/SHAKEN caller identity
  A network that takes part in STIR/SHAKEN signs the calls it originates and verifies the calls it receives.

  Signing (RFC 8224, RFC 8225, RFC 8588). A call leaving an access trunk or the international gateway carries
    Identity: <header>.<payload>.<signature>;info=<x5u>;alg=ES256;ppt=shaken
  where the JWS header is {"alg":"ES256","ppt":"shaken","typ":"passport","x5u":X5U} and the payload holds attest
  (A: the trunk presents a number of its own ranges; B: a known trunk presents another number; C: the gateway),
  dest.tn and orig.tn (E.164 digits without "+", so 86… for national numbers), iat and origid (a UUID naming the
  entry point: one per trunk). The suite verifies it with the SUT's certificate from its own repository.

  Verifying (RFC 8224 §6.2, 3GPP TS 24.229 verstat). The SUT resolves x5u from its own certificate repository: the
  suite's certificates are installed there under their x5u, and nothing is fetched at call time. A call from a
  domestic carrier is forwarded with verstat=TN-Validation-Passed, TN-Validation-Failed or No-TN-Validation on the
  caller's number in P-Asserted-Identity (inside the user part of a sip URI). A carrier peer provisioned to sign
  every call (POST /v1/stir/signing-peers) is refused instead on any failure:
    428 Use Identity Header     no Identity header
    436 Bad Identity Info       info names a certificate the SUT cannot obtain
    437 Unsupported Credential  the certificate cannot be validated (expired)
    438 Invalid Identity Header the signature does not verify, or the PASSporT is about another call
    403 Stale Date              iat further from the SUT's clock than the freshness (default 60 s, stirFreshnessSeconds)

  Background:
    Given a callee in the national network

  Rule: Calls from access trunks leave signed with full attestation

    @AUTH-STIR-001 @pics:AUTH-STIR
    Scenario: A trunk's call from its own range reaches the callee with a SHAKEN PASSporT of attestation A
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee
      And the forwarded call carries an Identity header that verifies with the SUT's certificate
      And its PASSporT attests "A" for the trunk's number and the callee, issued within the freshness

    @AUTH-STIR-001 @pics:AUTH-STIR
    Scenario: An Identity header the trunk sent itself is not passed on: the SUT signs in its place
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls the callee presenting a number of its own range with an Identity header of its own
      Then the call reaches the callee
      And the forwarded call carries an Identity header that verifies with the SUT's certificate
      And its PASSporT attests "A" for the trunk's number and the callee, issued within the freshness

    @AUTH-STIR-002 @pics:AUTH-STIR
    Scenario: Calls of one trunk share an origid and another trunk's calls carry another
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls two callees presenting numbers of its own range
      And a second enterprise's trunk calls a callee presenting a number of its own range
      Then both calls of the first trunk carry the same origid, a UUID
      And the second trunk's call carries a different origid

  Rule: Calls from abroad leave signed with gateway attestation

    @AUTH-STIR-003 @pics:AUTH-STIR
    Scenario: A call from abroad with a foreign number is signed with attestation C
      When a call from abroad presents the foreign number "+14155550123"
      Then the callee receives the call
      And the forwarded call carries an Identity header that verifies with the SUT's certificate
      And its PASSporT attests "C" for "14155550123" and the callee, issued within the freshness

  Rule: Calls from domestic carriers are verified and marked

    @AUTH-STIR-004 @pics:AUTH-STIR-VER
    Scenario: A correctly signed call is marked TN-Validation-Passed
      Given a caller on a domestic carrier
      When the caller calls the callee with an Identity header signed by the suite's carrier
      Then the call reaches the callee marked verstat "TN-Validation-Passed"

    @AUTH-STIR-005 @pics:AUTH-STIR-VER
    Scenario: An unsigned call from a carrier that need not sign is marked No-TN-Validation
      Given a caller on a domestic carrier
      When the caller calls the callee without an Identity header
      Then the call reaches the callee marked verstat "No-TN-Validation"

    @AUTH-STIR-005 @pics:AUTH-STIR-VER
    Scenario: A forged signature from a carrier that need not sign is marked TN-Validation-Failed
      Given a caller on a domestic carrier
      When the caller calls the callee with an Identity header signed by a key other than its certificate's
      Then the call reaches the callee marked verstat "TN-Validation-Failed"

  Rule: A carrier provisioned to sign every call is refused on any failure

    @AUTH-STIR-004 @pics:AUTH-STIR-VER
    Scenario: A signing carrier's correctly signed call is forwarded
      Given a domestic carrier provisioned to sign every call
      When the signing carrier calls the callee with an Identity header signed by the suite's carrier
      Then the call reaches the callee marked verstat "TN-Validation-Passed"

    @AUTH-STIR-006 @pics:AUTH-STIR-VER
    Scenario: A signing carrier's call without an Identity header is refused 428
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee without an Identity header
      Then the attempt fails with 428 "Use Identity Header"
      And nothing reaches the callee

    @AUTH-STIR-007 @pics:AUTH-STIR-VER
    Scenario: A call naming a certificate the SUT cannot obtain is refused 436
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee with an Identity header whose x5u the SUT does not hold
      Then the attempt fails with 436 "Bad Identity Info"
      And nothing reaches the callee

    @AUTH-STIR-008 @pics:AUTH-STIR-VER
    Scenario: A call signed under an expired certificate is refused 437
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee with an Identity header signed under an expired certificate
      Then the attempt fails with 437 "Unsupported Credential"
      And nothing reaches the callee

    @AUTH-STIR-009 @pics:AUTH-STIR-VER
    Scenario: A call whose signature does not verify is refused 438
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee with an Identity header signed by a key other than its certificate's
      Then the attempt fails with 438 "Invalid Identity Header"
      And nothing reaches the callee

    @AUTH-STIR-009 @pics:AUTH-STIR-VER
    Scenario: A call carrying a PASSporT made for another callee is refused 438
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee with an Identity header made for another callee
      Then the attempt fails with 438 "Invalid Identity Header"
      And nothing reaches the callee

    @AUTH-STIR-010 @pics:AUTH-STIR-VER
    Scenario: A PASSporT issued longer ago than the freshness is refused 403 Stale Date
      Given a domestic carrier provisioned to sign every call
      When the signing carrier attempts to call the callee with an Identity header issued 10 seconds more than the freshness ago
      Then the attempt fails with 403 "Stale Date"
      And nothing reaches the callee

    @AUTH-STIR-010 @pics:AUTH-STIR-VER
    Scenario: A PASSporT issued just within the freshness is forwarded
      Given a domestic carrier provisioned to sign every call
      When the signing carrier calls the callee with an Identity header issued 10 seconds less than the freshness ago
      Then the call reaches the callee marked verstat "TN-Validation-Passed"

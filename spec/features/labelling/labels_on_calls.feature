@labelling
Feature: Labels on forwarded calls
  A call from a labelled number reaches the callee with its label, in exactly this form so that terminals and
  vendors can match it:
    P-Asserted-Identity: "<Chinese category name>" <the caller's URI>   (added from From when the INVITE has none)
    Call-Info: <urn:label:CODE>;purpose=label;category=CODE;source=SOURCE;count=N
  where CODE is the category code (harassment, fraud, …), SOURCE is reports, carrier-analytics or
  enterprise-declaration, and N the count of distinct reporters in the window (0 when no one reported).

  Background:
    Given a caller on a domestic carrier

  Rule: Labelled calls carry the label; others do not

    @LAB-SIG-001 @pics:LAB-SIG
    Scenario: A call from a number labelled by reports carries the label
      Given as many distinct reporters as the label threshold have reported the caller as "fraud"
      When the caller calls a new callee
      Then the call reaches the callee labelled "诈骗电话" with Call-Info category "fraud" from source "reports"

    @LAB-SIG-001 @pics:LAB-SIG
    Scenario: A call from a declared number carries its benign label
      Given the enterprise "首汽约车" has declared the caller's number as "taxi"
      When the caller calls a new callee
      Then the call reaches the callee labelled "出租车" with Call-Info category "taxi" from source "enterprise-declaration"

    @LAB-SIG-002 @pics:LAB-SIG
    Scenario: A call from a number short of the threshold carries no label
      When one fewer distinct reporters than the label threshold report the caller as "harassment"
      And the caller calls a new callee
      Then the call reaches the callee without a label

@labelling
Feature: Appeals against labels
  The holder of a number appeals its label (标记申诉) through the management API. A reissued number (二次放号) is
  cleared automatically when the carrier's allocation record (POST /v1/allocations) shows the number passing to the
  appellant after the label, and never on the appellant's word alone; a label naming a holder other than the
  appellant is cleared automatically too; any other appeal waits for a
  decision by a deadline (parameters.appealDeadlineDays of the target file, default 7 days after filing); an appeal
  still pending past it is overdue and escalated. A cleared label stops appearing in lookups and on calls at once.

  Background:
    Given a caller on a domestic carrier

  Rule: Reissued numbers on the allocation record and labels naming another holder are cleared at once

    @LAB-APL-001 @pics:LAB-APL
    Scenario: The new holder of a reissued number has its label cleared at once
      Given as many distinct reporters as the label threshold have reported the caller as "harassment"
      And the carrier has recorded the caller's number passing from its earlier holder to "王小明" after the label
      When "王小明" appeals the label as a reissued number
      Then the appeal is cleared
      And the lookup of the caller finds no label

    @LAB-APL-001 @pics:LAB-APL
    Scenario: A cleared label no longer reaches the callee
      Given as many distinct reporters as the label threshold have reported the caller as "advertising"
      And the carrier has recorded the caller's number passing from its earlier holder to "王小明" after the label
      When "王小明" appeals the label as a reissued number
      And the caller calls a new callee
      Then the call reaches the callee without a label

    @LAB-APL-002 @pics:LAB-APL
    Scenario: A label naming another holder is cleared at once
      Given the enterprise "某快递公司" has declared the caller's number as "delivery"
      When "李华" appeals the label as naming a different holder
      Then the appeal is cleared
      And the lookup of the caller finds no label

  Rule: A reissue no allocation record bears out is not cleared on the appellant's word

    @LAB-APL-005 @pics:LAB-APL
    Scenario: A reissued-number appeal with no allocation record goes to the appeal desk and the label stays
      Given as many distinct reporters as the label threshold have reported the caller as "harassment"
      When "王小明" appeals the label as a reissued number
      Then the appeal is pending
      And the lookup of the caller answers the category "harassment" from source "reports"

    @LAB-APL-005 @pics:LAB-APL
    Scenario: A reissued-number appeal whose record shows the appellant holding the number before the label goes to the appeal desk
      Given as many distinct reporters as the label threshold have reported the caller as "advertising"
      And the carrier has recorded the caller's number as held by "王小明" since before the label
      When "王小明" appeals the label as a reissued number
      Then the appeal is pending
      And the lookup of the caller answers the category "advertising" from source "reports"

  Rule: Other appeals wait for a decision within the deadline

    @LAB-APL-003 @pics:LAB-APL
    Scenario: An appeal that is not automatic waits, with a deadline, and the label stays meanwhile
      Given as many distinct reporters as the label threshold have reported the caller as "recruitment"
      When "张三" appeals the label as not deserved
      Then the appeal is pending
      And the appeal is to be decided within the appeal deadline
      And the lookup of the caller answers the category "recruitment" from source "reports"

    @LAB-APL-003 @pics:LAB-APL
    Scenario: A decision in the holder's favour clears the label at once
      Given as many distinct reporters as the label threshold have reported the caller as "insurance-finance"
      When "张三" appeals the label as not deserved
      And the appeal is decided in the holder's favour
      Then the appeal is cleared
      And the lookup of the caller finds no label

    @LAB-APL-004 @pics:LAB-APL @clock
    Scenario: An appeal not decided by its deadline is listed as overdue and escalated, and can still be decided
      Given as many distinct reporters as the label threshold have reported the caller as "loans"
      When "赵六" appeals the label as not deserved
      Then the appeal is not among the overdue appeals
      When the appeal deadline passes without a decision
      Then the appeal is among the overdue appeals, escalated as of its deadline
      And the appeal is pending
      When the appeal is decided in the holder's favour
      Then the appeal is cleared
      And the appeal is not among the overdue appeals
      And the lookup of the caller finds no label

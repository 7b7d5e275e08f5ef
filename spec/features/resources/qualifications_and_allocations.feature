@resources
Feature: Qualifications and allocations of 95/96/400 numbers and trunk number blocks
  A carrier allocates 95/96/400 numbers and the blocks of calling numbers a voice trunk may present only to an
  enterprise whose qualification it has checked (资质审核): its business scope, where its numbers connect and their use,
  recorded through POST /v1/qualifications and not expired. An allocation without one is refused with problem+json
  naming what is missing, and nothing is allocated. Every allocation is kept (number or block, holder, since); a
  number reissued to a new holder keeps its earlier holder on record until the reissue (GET /v1/allocations).

  Background:
    Given an enterprise of sector "other" with a trunk in the access realm

  Rule: No allocation without a checked qualification

    @RES-QUA-001 @pics:RES-QUA
    Scenario: A 400 number is refused to an enterprise with no qualification on record
      When the carrier attempts to allocate a fresh 400 number to the enterprise
      Then the allocation is refused with problem+json naming "qualification"
      And the allocations of the number list none

    @RES-QUA-001 @pics:RES-QUA
    Scenario: The trunk's number block is refused to an enterprise with no qualification on record
      When the carrier attempts to allocate the trunk's number block to the enterprise
      Then the allocation is refused with problem+json naming "qualification"
      And the allocations of the trunk list none

    @RES-QUA-002 @pics:RES-QUA
    Scenario Outline: A qualification lacking <part> allows no allocation
      Given the enterprise's qualification is recorded without <part>
      When the carrier attempts to allocate a fresh 400 number to the enterprise
      Then the allocation is refused with problem+json naming "<field>"
      And the allocations of the number list none

      Examples:
        | part                            | field                      |
        | its business scope              | qualification.businessScope |
        | where its numbers connect       | qualification.connectsTo   |
        | the use of its numbers          | qualification.use          |

    @RES-QUA-002 @pics:RES-QUA
    Scenario: An expired qualification allows no allocation
      Given the enterprise's qualification is recorded in full but expired a day ago
      When the carrier attempts to allocate a fresh 400 number to the enterprise
      Then the allocation is refused with problem+json naming "qualification.validUntil"
      And the allocations of the number list none

  Rule: Allocations are recorded with holder and date, reissues included

    @RES-ALC-001 @pics:RES-ALC
    Scenario: A qualified enterprise's 400 number is allocated and on record
      Given the enterprise's qualification is recorded in full
      When the carrier allocates a fresh 400 number to the enterprise
      Then the allocations of the number name the enterprise as its holder since the allocation

    @RES-ALC-001 @pics:RES-ALC
    Scenario: A qualified enterprise's trunk block is allocated and on record
      Given the enterprise's qualification is recorded in full
      When the carrier allocates the trunk's number block to the enterprise
      Then the allocations of the trunk list its number block held by the enterprise since the allocation

    @RES-ALC-002 @pics:RES-ALC
    Scenario: A number reissued to a new holder keeps its earlier holder on record until the reissue
      Given the enterprise's qualification is recorded in full
      And a second enterprise whose qualification is recorded in full
      When the carrier allocates a fresh 400 number to the enterprise
      And the carrier reissues the number to the second enterprise
      Then the allocations of the number show the enterprise until the reissue and the second enterprise since it

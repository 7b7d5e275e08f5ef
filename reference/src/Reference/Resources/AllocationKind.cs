namespace Reference.Resources;

/// <summary>What an allocation gives: one number, or a block of calling numbers a trunk may present.</summary>
public enum AllocationKind
{
    Number,
    Block,
}

namespace Screening;

public enum ScreeningAction
{
    Forward,
    Intercept,
}

using Herald.Cli;

return await HeraldCommands.Create().Parse(args).InvokeAsync();
